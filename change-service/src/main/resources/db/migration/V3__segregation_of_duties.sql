-- Who asked for the change (never its approver), who implements it, and the pre-approved template a standard
-- change comes from.
alter table change_request add column requester_id varchar(64);
alter table change_request add column implementer_id varchar(64);
alter table change_request add column template_id uuid;
create index change_request_owner on change_request (owner_id) where owner_id is not null;

-- In which capacity an approver decided: as a member of the board the change goes to (counts towards the quorum),
-- and/or as the service's Business Owner (asked for high-risk changes).
alter table change_approval add column as_board boolean not null default true;
alter table change_approval add column as_business_owner boolean not null default false;
-- One decision per person per change.
create unique index change_approval_one_per_approver on change_approval (change_id, approver_id);

-- The catalogue of pre-approved standard changes, kept by the Change Process Owner: only a change raised from an
-- active template is STANDARD and skips assessment and the CAB.
create table change_template (
    id                  uuid         primary key,
    name                varchar(200) not null,
    description         text,
    -- null: the template applies to every service
    service_code        varchar(64),
    risk                varchar(16)  not null,
    implementation_plan text         not null,
    backout_plan        text         not null,
    active              boolean      not null,
    created_by          varchar(64)  not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    version             bigint       not null
);
create index change_template_service on change_template (service_code) where active;
