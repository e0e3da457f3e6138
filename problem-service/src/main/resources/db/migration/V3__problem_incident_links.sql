-- A problem's incidents are the observations that point at it, paged through an index; the JSON list on
-- the problem row, rewritten on every link, goes.
alter table incident_observation add column linked_at timestamptz;
update incident_observation set linked_at = opened_at where problem_id is not null;
create index incident_observation_problem on incident_observation (problem_id, linked_at, incident_id) where problem_id is not null;
alter table problem drop column incident_ids;

-- Clustering looks at the unlinked incidents of a (service, signature) in a time range.
drop index incident_observation_cluster;
create index incident_observation_cluster on incident_observation (service_code, signature, opened_at)
    where problem_id is null and status in ('NEW', 'IN_PROGRESS', 'ON_HOLD');
