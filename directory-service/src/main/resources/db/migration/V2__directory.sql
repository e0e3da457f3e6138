-- The role catalog, from the seed documents.
create table role (
    code             varchar(64)  primary key,
    name             varchar(120) not null,
    kind             varchar(16)  not null,
    responsibilities text         not null,
    aliases          text         not null,
    sources          text         not null
);

-- People. Role assignments and group memberships are small JSON lists kept on the person, so that one
-- row is one directory event.
create table person (
    id            uuid         primary key,
    username      varchar(64)  not null unique,
    display_name  varchar(120) not null,
    email         varchar(200),
    active        boolean      not null,
    password_hash text,
    roles         text         not null,
    group_codes   text         not null,
    channels      text         not null,
    webhook_url   text,
    version       bigint       not null
);

create table person_group (
    code         varchar(64)  primary key,
    name         varchar(120) not null,
    role         varchar(64)  not null,
    tier         integer,
    service_code varchar(64),
    version      bigint       not null
);

create table it_service (
    code              varchar(64)  primary key,
    name              varchar(120) not null,
    owner_id          uuid,
    business_owner_id uuid,
    tier1_group       varchar(64),
    tier2_group       varchar(64),
    tier3_group       varchar(64),
    version           bigint       not null
);

-- Credentials of monitoring tools and other systems, with the scopes their tokens carry.
create table integration_client (
    client_id   varchar(64) primary key,
    secret_hash text        not null,
    scopes      text        not null
);

create table on_call_shift (
    id         uuid        primary key,
    group_code varchar(64) not null references person_group (code),
    person_id  uuid        not null references person (id),
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    check (ends_at > starts_at)
);
create index on_call_shift_group_time on on_call_shift (group_code, starts_at, ends_at);
