-- Alerts behave like an on-call tool's: flaps reopen the incident they resolved, a resolved alert is
-- recorded even where it may not resolve, and PagerDuty acknowledgements accept. Fields an alert source
-- may fill at any length the formats allow are text.
alter table incident
    alter column alert_fingerprint type text,
    alter column alert_name type text,
    alter column reporter_id type text,
    add column flap_count      integer     not null default 0,
    add column alert_state     varchar(16),
    add column acknowledged_at timestamptz;

-- Flap damping looks up the latest resolved incident of a fingerprint.
create index incident_fingerprint_resolved on incident (alert_fingerprint, resolved_at desc)
    where alert_fingerprint is not null and status = 'RESOLVED';
