-- The audit trail: one chain of entries per record (incident, problem, change, directory entry). Each entry holds
-- the hash of the previous entry of the same record and its own hash over its content and that link, so a changed,
-- removed or inserted entry breaks the chain at that point. Entries are written in the transaction of the step
-- they describe.
create table audit_entry (
    id          bigint generated always as identity primary key,
    record_type text        not null,
    record_id   text        not null,
    -- Position in the record's chain, from 1; a second writer of the same position fails here.
    seq         integer     not null,
    actor_id    text        not null,
    step        text        not null,
    changes     jsonb       not null,
    occurred_at timestamptz not null,
    prev_hash   text,
    hash        text        not null,
    unique (record_type, record_id, seq)
);

-- Append-only, whatever the client: no API changes an entry, and the database refuses it too.
create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_entry_no_update_or_delete before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
