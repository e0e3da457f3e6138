-- Incidents. Human numbers come from a sequence so they stay unique across replicas.
create sequence incident_number_seq start with 1001;

create table incident (
    id                 uuid primary key,
    number             varchar(16)  not null unique,
    title              varchar(200) not null,
    description        text,
    service_code       varchar(64)  not null,
    impact             varchar(8)   not null,
    urgency            varchar(8)   not null,
    priority           varchar(4)   not null,
    signature          varchar(120) not null,
    status             varchar(16)  not null,
    origin             varchar(16)  not null,
    alert_fingerprint  varchar(128),
    alert_name         varchar(200),
    alert_count        integer      not null default 0,
    last_alert_at      timestamptz,
    assignment_group   varchar(64),
    assignee_id        varchar(64),
    reporter_id        varchar(64)  not null,
    problem_id         uuid,
    hold_reason        text,
    resolution         text,
    opened_at          timestamptz  not null,
    updated_at         timestamptz  not null,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    version            bigint       not null
);

-- One open incident per alert fingerprint, whichever replica sees the alert first; a racing insert
-- fails here and is retried as an update of the incident that won.
create unique index incident_open_fingerprint on incident (alert_fingerprint)
    where alert_fingerprint is not null and status in ('NEW', 'IN_PROGRESS', 'ON_HOLD');

create index incident_status_priority on incident (status, priority, opened_at desc);
create index incident_service_status on incident (service_code, status);
create index incident_problem on incident (problem_id) where problem_id is not null;
