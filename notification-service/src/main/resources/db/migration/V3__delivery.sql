-- What a message is about, so that it can be rendered, linked, threaded and throttled when it is sent.
alter table notification
    add column record_kind    varchar(16),
    add column record_number  varchar(40),
    add column service_code   varchar(64),
    add column priority       varchar(2),
    add column link           text,
    add column actions        text,
    -- Why a message was SUPPRESSED (throttled, quiet hours, no address) or FAILED.
    add column reason         text,
    -- Suppressed and still owed to the person in a digest; digest_id is the digest that carried it.
    add column digest_pending boolean not null default false,
    add column digest_id      uuid;
create index notification_digest_pending on notification (person_id, created_at) where digest_pending;
create index notification_event on notification (event_id);

-- One row per message and target (an e-mail address, a webhook endpoint). A row with a due time waits for a
-- sender; a sender claims due rows with FOR UPDATE SKIP LOCKED and moves the due time past its lease, so a
-- crashed sender's rows come due again and no two replicas send the same row at the same time.
create table delivery (
    id              uuid         primary key,
    notification_id uuid         not null references notification (id) on delete cascade,
    channel         varchar(16)  not null,
    endpoint_id     uuid,
    target          text         not null,
    status          varchar(16)  not null,
    attempts        integer      not null default 0,
    due_at          timestamptz,
    last_code       integer,
    last_reply      varchar(500),
    latency_ms      integer,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    delivered_at    timestamptz,
    unique (notification_id, target)
);
create index delivery_due on delivery (due_at) where due_at is not null;
create index delivery_notification on delivery (notification_id);
create index delivery_status on delivery (status, created_at desc);

-- Webhook subscriptions: a person's endpoint with its own signing secret (Standard Webhooks). Rows from the
-- directory (a person's webhookUrl) are created on first use. During a rotation the previous secret signs too.
create table webhook_endpoint (
    id                         uuid         primary key,
    owner_id                   varchar(64)  not null,
    url                        text         not null,
    description                varchar(200),
    event_types                varchar(2000) not null default '',
    service_code               varchar(64),
    source                     varchar(16)  not null,
    secret                     text         not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    active                     boolean      not null default true,
    created_at                 timestamptz  not null,
    rotated_at                 timestamptz,
    unique (owner_id, url)
);

-- A person's own settings: channels per priority (a small JSON map, at most six keys), quiet hours in their zone.
create table notification_preference (
    person_id  varchar(64)  primary key,
    time_zone  varchar(64)  not null,
    quiet_from time,
    quiet_to   time,
    channels   varchar(1000) not null,
    updated_at timestamptz  not null
);

-- Throttling windows per person: one per record they were told about, one per service (alert storms).
create table throttle_window (
    person_id    varchar(64)  not null,
    scope        varchar(160) not null,
    opened_at    timestamptz  not null,
    ends_at      timestamptz  not null,
    top_priority varchar(2),
    sent         integer      not null,
    primary key (person_id, scope)
);
create index throttle_window_ends on throttle_window (ends_at);

-- When a person's digest of suppressed messages is due: a timer row, claimed like deliveries.
create table digest_due (
    person_id varchar(64) primary key,
    due_at    timestamptz not null
);
create index digest_due_at on digest_due (due_at);
