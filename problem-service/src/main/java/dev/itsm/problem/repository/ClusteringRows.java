package dev.itsm.problem.repository;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.problem.domain.ClusterDecisions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.instant;
import static dev.itsm.kit.repository.SqlArrays.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The set-based SQL of clustering: every method is one statement for a whole poll, on the caller's transaction. */
@ApplicationScoped
public class ClusteringRows {
    private static final String OBSERVATION = """
            incident_id, number, service_code, signature, priority, status, opened_at, problem_id, linked_at""";

    /**
     * Serialises clustering of these groups across replicas until the transaction ends. Locks are taken in
     * sorted order, so two replicas with overlapping groups wait instead of deadlocking.
     */
    public Uni<Void> lockGroups(SqlConnection tx, Collection<ClusterDecisions.Group> groups) {
        String[] keys = groups.stream().map(g -> g.serviceCode() + "|" + g.signature()).distinct().sorted().toArray(String[]::new);
        return tx.preparedQuery("select count(pg_advisory_xact_lock(hashtext(k))) from (select k from unnest($1::text[]) as k order by k) as ordered")
                .execute(Tuple.of((Object) keys)).replaceWithVoid();
    }

    /**
     * What is stored of the given incidents, plus the unlinked open incidents of the groups opened between
     * {@code from} and {@code to}.
     */
    public Uni<List<ClusterDecisions.Observation>> observations(SqlConnection tx, Collection<UUID> incidents,
                                                               Collection<ClusterDecisions.Group> groups, Instant from, Instant to) {
        return tx.preparedQuery("select " + OBSERVATION + """
                         from incident_observation where incident_id = any($1)
                        union
                        select %s from incident_observation
                         where (service_code, signature) in (select * from unnest($2::text[], $3::text[]))
                           and problem_id is null and status in ('NEW', 'IN_PROGRESS', 'ON_HOLD')
                           and opened_at between $4 and $5""".formatted(OBSERVATION))
                .execute(Tuple.of(incidents.toArray(UUID[]::new),
                        groups.stream().map(ClusterDecisions.Group::serviceCode).toArray(String[]::new),
                        groups.stream().map(ClusterDecisions.Group::signature).toArray(String[]::new),
                        utc(from), utc(to)))
                .map(rows -> {
                    List<ClusterDecisions.Observation> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new ClusterDecisions.Observation(row.getUUID("incident_id"), row.getString("number"),
                                row.getString("service_code"), row.getString("signature"), row.getString("priority"),
                                IncidentStatus.valueOf(row.getString("status")), instant(row, "opened_at"), row.getUUID("problem_id"),
                                instant(row, "linked_at"), true));
                    }
                    return found;
                });
    }

    /** The open clustering problem of each group that has one. */
    public Uni<Map<ClusterDecisions.Group, UUID>> openProblems(SqlConnection tx, String rule, Collection<ClusterDecisions.Group> groups) {
        return tx.preparedQuery("""
                        select service_code, signature, problem_id from problem_cluster
                        where open and rule = $1 and (service_code, signature) in (select * from unnest($2::text[], $3::text[]))""")
                .execute(Tuple.of(rule, groups.stream().map(ClusterDecisions.Group::serviceCode).toArray(String[]::new),
                        groups.stream().map(ClusterDecisions.Group::signature).toArray(String[]::new)))
                .map(rows -> {
                    Map<ClusterDecisions.Group, UUID> open = new HashMap<>();
                    rows.forEach(row -> open.put(new ClusterDecisions.Group(row.getString(0), row.getString(1)), row.getUUID(2)));
                    return open;
                });
    }

    public Uni<Void> insertObservations(SqlConnection tx, List<ClusterDecisions.Observation> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into incident_observation (incident_id, number, service_code, signature, priority, status, opened_at,
                                                          problem_id, linked_at)
                        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                             $7::timestamptz[], $8::uuid[], $9::timestamptz[])
                        on conflict (incident_id) do nothing""")
                .execute(Tuple.from(observationColumns(added)))
                .replaceWithVoid();
    }

    public Uni<Void> updateObservations(SqlConnection tx, List<ClusterDecisions.Observation> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update incident_observation o set status = x.status, problem_id = x.problem_id, linked_at = x.linked_at
                        from unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[]) as x(incident_id, status, problem_id, linked_at)
                        where o.incident_id = x.incident_id""")
                .execute(Tuple.of(column(changed, ClusterDecisions.Observation::incidentId, UUID[]::new),
                        column(changed, o -> o.status().name(), String[]::new),
                        column(changed, ClusterDecisions.Observation::problemId, UUID[]::new),
                        column(changed, o -> utc(o.linkedAt()), OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /** A problem clustering raises, ready to insert. */
    public record NewProblem(UUID id, String title, String description, String serviceCode, String signature, String explanation,
                             String rule, Instant raisedAt) {
    }

    /** Inserts the problems and their open clusters; returns id → number. */
    public Uni<Map<UUID, String>> insertProblems(SqlConnection tx, List<NewProblem> problems, String raisedBy) {
        if (problems.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        OffsetDateTime[] raisedAt = column(problems, p -> utc(p.raisedAt()), OffsetDateTime[]::new);
        return tx.preparedQuery("""
                        insert into problem (id, number, title, description, service_code, signature, status, origin, explanation,
                                             raised_by, raised_at, updated_at, version)
                        select x.id, 'PRB' || lpad(x.n::text, greatest(7, length(x.n::text)), '0'), x.title, x.description,
                               x.service_code, x.signature, 'NEW', 'CLUSTERING', x.explanation, $7, x.raised_at, x.raised_at, 0
                        from (select u.*, nextval('problem_number_seq') as n
                              from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::timestamptz[])
                                   as u(id, title, description, service_code, signature, explanation, raised_at)) x
                        returning id, number""")
                .execute(Tuple.from(List.of(column(problems, NewProblem::id, UUID[]::new),
                        column(problems, NewProblem::title, String[]::new),
                        column(problems, NewProblem::description, String[]::new),
                        column(problems, NewProblem::serviceCode, String[]::new),
                        column(problems, NewProblem::signature, String[]::new),
                        column(problems, NewProblem::explanation, String[]::new),
                        raisedBy, raisedAt)))
                .map(rows -> {
                    Map<UUID, String> numbers = new LinkedHashMap<>();
                    rows.forEach(row -> numbers.put(row.getUUID(0), row.getString(1)));
                    return numbers;
                })
                // One open cluster per (rule, service, signature): a racing replica fails here, and the poll is retried.
                .call(numbers -> tx.preparedQuery("""
                                insert into problem_cluster (problem_id, rule, service_code, signature, open)
                                select id, rule, service_code, signature, true
                                from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as x(id, rule, service_code, signature)""")
                        .execute(Tuple.of(column(problems, NewProblem::id, UUID[]::new), column(problems, NewProblem::rule, String[]::new),
                                column(problems, NewProblem::serviceCode, String[]::new), column(problems, NewProblem::signature, String[]::new))));
    }

    private static List<Object> observationColumns(List<ClusterDecisions.Observation> observations) {
        List<Object> columns = new ArrayList<>();
        columns.add(column(observations, ClusterDecisions.Observation::incidentId, UUID[]::new));
        columns.add(column(observations, ClusterDecisions.Observation::number, String[]::new));
        columns.add(column(observations, ClusterDecisions.Observation::serviceCode, String[]::new));
        columns.add(column(observations, ClusterDecisions.Observation::signature, String[]::new));
        columns.add(column(observations, ClusterDecisions.Observation::priority, String[]::new));
        columns.add(column(observations, o -> o.status().name(), String[]::new));
        columns.add(column(observations, o -> utc(o.openedAt()), OffsetDateTime[]::new));
        columns.add(column(observations, ClusterDecisions.Observation::problemId, UUID[]::new));
        columns.add(column(observations, o -> utc(o.linkedAt()), OffsetDateTime[]::new));
        return columns;
    }

}
