-- Each service's own copy of the directory, rebuilt from the compacted directory topic.
create table directory_entry (
    entry_key  text        primary key,
    kind       text        not null,
    version    bigint      not null,
    payload    jsonb       not null,
    updated_at timestamptz not null default now()
);
create index directory_entry_kind on directory_entry (kind);
create index directory_entry_payload on directory_entry using gin (payload jsonb_path_ops);
