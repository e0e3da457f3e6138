-- Two schedule requests for one service that run at the same moment both pass the overlap check before either
-- writes; the database refuses the second booking, whichever replica handles it. Windows are half-open, as in
-- ScheduleRules: one change may start when the other ends.
create extension if not exists btree_gist;

alter table change_request add constraint change_request_window_free
    exclude using gist (service_code with =, tstzrange(planned_start, planned_end, '[)') with &&)
    where (status in ('SCHEDULED', 'IMPLEMENT') and planned_start is not null);
