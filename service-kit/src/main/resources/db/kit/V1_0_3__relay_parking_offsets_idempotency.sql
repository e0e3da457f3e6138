-- The relay now deletes what Kafka has taken (replay comes from the topics) and one relay pass runs at a
-- time, so lanes and the published flag go. A row Kafka refuses for good is parked with its reason.
drop index outbox_unpublished;
drop index outbox_published_at;
delete from outbox where published_at is not null;
alter table outbox
    drop column lane,
    drop column published_at,
    add column attempts    integer     not null default 0,
    add column parked_at   timestamptz,
    add column park_reason text;
create index outbox_parked on outbox (parked_at) where parked_at is not null;

-- Wake the relay when rows commit: one notification per inserting statement (NOTIFY is delivered at commit).
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('itsm_outbox', '');
    return null;
end
$$;
create trigger outbox_committed after insert on outbox for each statement execute function outbox_notify();

-- The inbox is pruned by age.
create index inbox_processed_at on inbox (processed_at);

-- Exactly-once for high-volume record topics: the next offset to process per consumer and partition,
-- advanced in the transaction that applies the records. topic_id is Kafka's id of the topic: a topic deleted
-- and created again under the same name starts its offsets from 0, and must not be mistaken for a replay.
create table consumer_offset (
    consumer    text    not null,
    topic       text    not null,
    partition   integer not null,
    topic_id    text    not null,
    next_offset bigint  not null,
    primary key (consumer, topic, partition)
);

-- A create repeated with the same Idempotency-Key by the same caller answers the original response.
create table idempotency_key (
    principal    text        not null,
    key          text        not null,
    request_hash text        not null,
    status       integer,
    location     text,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (principal, key)
);
create index idempotency_key_created_at on idempotency_key (created_at);

-- Dead letters an operator has re-driven, and how it went.
create table dead_letter_redrive (
    topic        text        not null,
    partition    integer     not null,
    "offset"     bigint      not null,
    consumer     text        not null,
    redriven_by  text        not null,
    redriven_at  timestamptz not null default now(),
    outcome      text        not null,
    primary key (topic, partition, "offset", consumer)
);
