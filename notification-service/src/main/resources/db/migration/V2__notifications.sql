-- One row per (event, person, channel): the in-app inbox (channel IN_APP) and the delivery log of the
-- other channels. The unique key makes a redelivered event or a racing replica a no-op.
create table notification (
    id              uuid         primary key,
    event_id        uuid         not null,
    event_type      varchar(80)  not null,
    person_id       varchar(64)  not null,
    channel         varchar(16)  not null,
    subject         varchar(80)  not null,
    title           varchar(300) not null,
    body            text         not null,
    delivery_status varchar(16)  not null,
    created_at      timestamptz  not null,
    read_at         timestamptz,
    unique (event_id, person_id, channel)
);
create index notification_inbox on notification (person_id, channel, created_at desc);
create index notification_delivery on notification (delivery_status, created_at) where channel <> 'IN_APP';
