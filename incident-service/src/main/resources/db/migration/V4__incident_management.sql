-- What the people around an incident do with it: classify, assign and escalate, keep a timeline, run SLA clocks,
-- declare major incidents and review them; and which recent change may have caused it.

alter table incident
    add column category               varchar(64),
    -- 1, 2 or 3: where the incident stands on its service's support ladder.
    add column escalation_tier        integer  not null default 1,
    -- SLA targets as they applied when the priority was set, so that a new configuration only affects new priorities.
    add column own_target_seconds     bigint,
    add column resolve_target_seconds bigint,
    -- Time each clock did not run (On Hold, and Resolved before a reopen), and the start of the current hold.
    add column own_paused_ms          bigint   not null default 0,
    add column resolve_paused_ms      bigint   not null default 0,
    add column on_hold_since          timestamptz,
    -- A change implemented on the incident's service shortly before it opened.
    add column suspect_change_id      uuid,
    add column suspect_change_number  varchar(32),
    add column suspect_change_at      timestamptz,
    add column major                  boolean  not null default false;

update incident set on_hold_since = updated_at where status = 'ON_HOLD';

-- MTTA / MTTR over a range of opening times.
create index incident_opened_at on incident (opened_at);

-- Every step, note and field change, with actor and time. Paged by (incident, at, id).
create table incident_timeline (
    id          bigint generated always as identity primary key,
    incident_id uuid        not null references incident (id),
    at          timestamptz not null,
    actor_id    text        not null,
    kind        varchar(24) not null,
    -- INTERNAL (work notes, field changes, SLA, escalation) or CUSTOMER (comments, status changes).
    visibility  varchar(12) not null,
    summary     text        not null,
    field       varchar(32),
    from_value  text,
    to_value    text
);
create index incident_timeline_incident on incident_timeline (incident_id, at, id);

-- SLA warnings and breaches as timers: one row per incident, clock and threshold. A row fires once (fired_at), claimed
-- with FOR UPDATE SKIP LOCKED by the scheduler of any replica; a row whose clock is paused or stopped before it is
-- reached has no due time.
create table sla_timer (
    incident_id uuid        not null references incident (id),
    clock       varchar(16) not null,
    threshold   smallint    not null,
    due_at      timestamptz,
    fired_at    timestamptz,
    primary key (incident_id, clock, threshold)
);
create index sla_timer_due on sla_timer (due_at) where fired_at is null and due_at is not null;

-- This service's copy of the changes change-service implements, for change-aware triage.
create table service_change (
    change_id                 uuid primary key,
    number                    varchar(32),
    service_code              varchar(64) not null,
    status                    varchar(16),
    implementation_started_at timestamptz,
    implemented_at            timestamptz,
    last_activity_at          timestamptz not null
);
create index service_change_recent on service_change (service_code, last_activity_at);

-- Major incidents: the declaration, who fills each seed role, stakeholder updates and the post-incident review.
create table major_incident (
    incident_id    uuid primary key references incident (id),
    status         varchar(16) not null,
    declared_by    text        not null,
    declared_at    timestamptz not null,
    reason         text        not null,
    reviewed_by    text,
    reviewed_at    timestamptz,
    review_summary text
);

create table major_incident_role (
    incident_id uuid        not null references major_incident (incident_id),
    role        varchar(40) not null,
    person_id   text        not null,
    primary key (incident_id, role, person_id)
);

create table stakeholder_update (
    id          uuid primary key,
    incident_id uuid        not null references major_incident (incident_id),
    author_id   text        not null,
    message     text        not null,
    posted_at   timestamptz not null
);
create index stakeholder_update_incident on stakeholder_update (incident_id, posted_at, id);

create table review_factor (
    incident_id uuid    not null references major_incident (incident_id),
    position    integer not null,
    text        text    not null,
    primary key (incident_id, position)
);

create table review_action (
    incident_id uuid    not null references major_incident (incident_id),
    position    integer not null,
    description text    not null,
    owner_id    text    not null,
    due_date    date,
    primary key (incident_id, position)
);
create index review_action_owner on review_action (owner_id);
