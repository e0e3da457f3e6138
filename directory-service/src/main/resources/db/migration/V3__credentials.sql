-- An integration client can be switched off without deleting it (its tokens are revoked at the same time).
alter table integration_client add column active boolean not null default true;

-- Failed sign-ins per account and per client address, shared by every replica: after repeated failures the key is
-- locked for a time that doubles with each further failure. Rows are removed once they have aged out.
create table sign_in_failure (
    throttle_key    varchar(200) primary key,
    failures        integer      not null,
    last_failure_at timestamptz  not null,
    locked_until    timestamptz
);
create index sign_in_failure_last on sign_in_failure (last_failure_at);
