package dev.itsm.incident.repository;

import dev.itsm.contracts.incident.SlaClock;
import dev.itsm.incident.domain.IncidentSnapshot;
import dev.itsm.incident.domain.SlaClocks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.instant;
import static dev.itsm.kit.repository.SqlArrays.utc;

/**
 * SLA timers: rows with a due time, written in the transaction that changed their incident and claimed by whichever
 * replica's scheduler comes first ({@code FOR UPDATE SKIP LOCKED}), so each fires exactly once.
 */
@ApplicationScoped
public class SlaTimerRows {

    /** A due timer and its incident, both locked by the claiming transaction. */
    public record Due(SlaClocks.Timer timer, IncidentSnapshot incident) {
    }

    /** Sets every threshold's due time as the incidents now stand; a threshold that has fired keeps its row as it is. */
    public Uni<Void> schedule(SqlConnection tx, List<SlaClocks.Timer> timers) {
        if (timers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into sla_timer (incident_id, clock, threshold, due_at)
                        select * from unnest($1::uuid[], $2::text[], $3::smallint[], $4::timestamptz[])
                        on conflict (incident_id, clock, threshold) do update set due_at = excluded.due_at
                        where sla_timer.fired_at is null and sla_timer.due_at is distinct from excluded.due_at""")
                .execute(Tuple.from(List.of(
                        column(timers, SlaClocks.Timer::incidentId, UUID[]::new),
                        column(timers, t -> t.clock().name(), String[]::new),
                        column(timers, t -> (short) t.threshold(), Short[]::new),
                        column(timers, t -> utc(t.dueAt()), OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} timers due by {@code now}, earliest first, with their incidents. Rows another
     * transaction holds (a replica firing them, a step changing the incident) are skipped, never waited for.
     */
    public Uni<List<Due>> claimDue(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery("select t.clock as timer_clock, t.threshold as timer_threshold, t.due_at as timer_due_at, "
                        + IncidentRows.columns("i") + """
                         from sla_timer t join incident i on i.id = t.incident_id
                        where t.fired_at is null and t.due_at <= $1
                        order by t.due_at
                        limit $2
                        for update of t, i skip locked""")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row row : rows) {
                        IncidentSnapshot incident = IncidentRows.read(row);
                        due.add(new Due(new SlaClocks.Timer(incident.id(), SlaClock.valueOf(row.getString("timer_clock")),
                                row.getShort("timer_threshold"), instant(row, "timer_due_at")), incident));
                    }
                    return due;
                });
    }

    /** Marks the timers fired, at the time they were due. */
    public Uni<Void> fired(SqlConnection tx, List<SlaClocks.Timer> timers) {
        if (timers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update sla_timer t set fired_at = x.due_at
                        from unnest($1::uuid[], $2::text[], $3::smallint[], $4::timestamptz[]) as x(incident_id, clock, threshold, due_at)
                        where t.incident_id = x.incident_id and t.clock = x.clock and t.threshold = x.threshold""")
                .execute(Tuple.from(List.of(
                        column(timers, SlaClocks.Timer::incidentId, UUID[]::new),
                        column(timers, t -> t.clock().name(), String[]::new),
                        column(timers, t -> (short) t.threshold(), Short[]::new),
                        column(timers, t -> utc(t.dueAt()), OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    /** Forgets the timers of incidents that have ended and whose thresholds have fired or will never be reached. */
    public Uni<Integer> pruneEnded(io.vertx.mutiny.sqlclient.SqlClient client) {
        return client.preparedQuery("""
                        delete from sla_timer t using incident i
                        where i.id = t.incident_id and i.status in ('CLOSED', 'CANCELED') and (t.fired_at is not null or t.due_at is null)""")
                .execute().map(io.vertx.mutiny.sqlclient.SqlResult::rowCount);
    }
}
