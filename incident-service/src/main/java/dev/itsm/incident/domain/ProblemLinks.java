package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.incident.IncidentProblemLinked;
import dev.itsm.incident.repository.TimelineRows;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.utc;

/**
 * Records that problem-service tied incidents to a problem, for a whole poll in one statement, and announces
 * each link that changed something. A link that is already there changes nothing; the last link of an
 * incident in a poll wins, as it would one event at a time.
 */
@ApplicationScoped
public class ProblemLinks {
    /** An incident problem-service tied to a problem, and the event that said so. */
    public record Link(UUID problemId, UUID incidentId, Causation causation) {
    }

    private final Outbox outbox;
    private final TimelineRows timeline;
    private final Clock clock;

    ProblemLinks(Outbox outbox, TimelineRows timeline, Clock clock) {
        this.outbox = outbox;
        this.timeline = timeline;
        this.clock = clock;
    }

    public Uni<Void> link(SqlConnection tx, List<Link> links) {
        Map<UUID, Link> last = new LinkedHashMap<>();
        links.forEach(link -> last.put(link.incidentId(), link));
        if (last.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Rows are updated in id order, so two replicas with overlapping incidents wait instead of deadlocking.
        List<Link> wanted = last.values().stream().sorted(java.util.Comparator.comparing(Link::incidentId)).toList();
        Instant now = clock.instant();
        return tx.preparedQuery("""
                        update incident i set problem_id = x.problem_id, updated_at = $3, version = i.version + 1
                        from unnest($1::uuid[], $2::uuid[]) as x(incident_id, problem_id)
                        where i.id = x.incident_id and i.problem_id is distinct from x.problem_id
                        returning i.id""")
                .execute(Tuple.of(column(wanted, Link::incidentId, UUID[]::new), column(wanted, Link::problemId, UUID[]::new), utc(now)))
                .chain(rows -> {
                    Set<UUID> changed = new HashSet<>();
                    for (Row row : rows) {
                        changed.add(row.getUUID(0));
                    }
                    List<Outbox.Pending> events = wanted.stream().filter(link -> changed.contains(link.incidentId()))
                            .map(link -> outbox.pending(EventTypes.INCIDENT_PROBLEM_LINKED, link.incidentId().toString(),
                                    new IncidentProblemLinked(link.incidentId(), link.problemId(), now), link.causation()))
                            .toList();
                    List<TimelineEntry> lines = wanted.stream().filter(link -> changed.contains(link.incidentId()))
                            .map(link -> new TimelineEntry(link.incidentId(), now, "problem-service", TimelineEntry.Kind.FIELD,
                                    TimelineEntry.Visibility.INTERNAL, "linked to problem " + link.problemId(), "problemId", null,
                                    link.problemId().toString()))
                            .toList();
                    return outbox.publishAll(tx, events).chain(() -> timeline.insert(tx, lines));
                });
    }
}
