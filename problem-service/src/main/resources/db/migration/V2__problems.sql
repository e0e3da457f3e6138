-- What problem-service knows of each incident, from incident events.
create table incident_observation (
    incident_id  uuid         primary key,
    number       varchar(16),
    service_code varchar(64)  not null,
    signature    varchar(120) not null,
    priority     varchar(4),
    status       varchar(16)  not null,
    opened_at    timestamptz  not null,
    problem_id   uuid
);
create index incident_observation_cluster on incident_observation (service_code, signature, opened_at)
    where status in ('NEW', 'IN_PROGRESS', 'ON_HOLD');

create sequence problem_number_seq start with 1001;

create table problem (
    id           uuid         primary key,
    number       varchar(16)  not null unique,
    title        varchar(200) not null,
    description  text,
    service_code varchar(64)  not null,
    signature    varchar(120),
    status       varchar(24)  not null,
    origin       varchar(16)  not null,
    -- Why clustering raised it: rule, matched features, incidents, window (JSON).
    explanation  text,
    incident_ids text         not null,
    root_cause   text,
    fix          text,
    raised_by    varchar(64)  not null,
    raised_at    timestamptz  not null,
    updated_at   timestamptz  not null,
    resolved_at  timestamptz,
    closed_at    timestamptz,
    closed_by    varchar(64),
    close_reason text,
    change_id    uuid,
    version      bigint       not null
);
create index problem_status on problem (status, raised_at desc);
create index problem_service on problem (service_code, status);

-- One open problem per (rule, service, signature): a second replica racing to raise the same problem
-- fails here instead of raising a duplicate.
create table problem_cluster (
    problem_id   uuid         primary key references problem (id),
    rule         varchar(64)  not null,
    service_code varchar(64)  not null,
    signature    varchar(120) not null,
    open         boolean      not null
);
create unique index problem_cluster_one_open on problem_cluster (rule, service_code, signature) where open;

-- Known errors: the diagnosed symptom with its workaround, published for the Service Desk.
create table known_error (
    id           uuid         primary key,
    problem_id   uuid         not null unique references problem (id),
    service_code varchar(64)  not null,
    signature    varchar(120),
    symptom      text         not null,
    workaround   text         not null,
    published_at timestamptz  not null,
    version      bigint       not null
);
create index known_error_service on known_error (service_code, signature);
