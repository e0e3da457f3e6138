-- Transactional outbox: written in the same transaction as the domain change, published by the relay.
create table outbox (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    event_type   text        not null,
    topic        text        not null,
    record_key   text        not null,
    -- Rows of one aggregate share a lane; one relay at a time drains a lane, in id order,
    -- which keeps per-aggregate order at any replica count.
    lane         smallint    not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (lane, id) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Inbox: one row per (consumer, event) processed; written in the same transaction as the effect.
create table inbox (
    consumer     text        not null,
    event_key    text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_key)
);
