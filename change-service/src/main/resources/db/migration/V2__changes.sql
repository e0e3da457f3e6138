create sequence change_number_seq start with 1001;

create table change_request (
    id                    uuid         primary key,
    number                varchar(16)  not null unique,
    title                 varchar(200) not null,
    description           text,
    type                  varchar(16)  not null,
    status                varchar(16)  not null,
    service_code          varchar(64)  not null,
    problem_id            uuid,
    owner_id              varchar(64),
    risk                  varchar(16),
    assessment            text,
    implementation_plan   text,
    backout_plan          text,
    -- What the change rests on, copied from the resolved problem (JSON).
    evidence              text,
    planned_start         timestamptz,
    planned_end           timestamptz,
    implementation_result text,
    review_outcome        varchar(16),
    review_notes          text,
    close_reason          text,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    version               bigint       not null,
    check (planned_end is null or planned_end > planned_start)
);
-- One change drafted per problem, whichever replica handles the event.
create unique index change_request_one_per_problem on change_request (problem_id) where problem_id is not null;
create index change_request_status on change_request (status, created_at desc);
create index change_request_service_window on change_request (service_code, planned_start, planned_end);

create table change_approval (
    id          uuid        primary key,
    change_id   uuid        not null references change_request (id),
    approver_id varchar(64) not null,
    decision    varchar(16) not null,
    comment     text,
    decided_at  timestamptz not null
);
create index change_approval_change on change_approval (change_id);

-- Periods when no change may be implemented (for one service, or for all when service_code is null).
create table freeze_window (
    id           uuid        primary key,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    reason       text        not null,
    service_code varchar(64),
    check (ends_at > starts_at)
);
