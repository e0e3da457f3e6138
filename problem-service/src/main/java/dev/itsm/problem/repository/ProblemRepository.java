package dev.itsm.problem.repository;

import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemStatus;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.problem.domain.IncidentObservation;
import dev.itsm.problem.domain.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import dev.itsm.kit.repository.Filter;
import dev.itsm.kit.security.Visibility;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class ProblemRepository implements PanacheRepositoryBase<Problem, UUID> {

    public Uni<String> nextNumber() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select nextval('problem_number_seq')", Long.class).getSingleResult())
                .map(n -> String.format("PRB%07d", n));
    }

    /** The open problem clustering raised for this service and signature, if any. */
    public Uni<Problem> openCluster(String rule, String serviceCode, String signature) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select cast(problem_id as text) from problem_cluster
                        where rule = :rule and service_code = :service and signature = :signature and open""", String.class)
                .setParameter("rule", rule).setParameter("service", serviceCode).setParameter("signature", signature)
                .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem() : findById(UUID.fromString(ids.get(0))));
    }

    public Uni<Void> registerCluster(UUID problemId, String rule, String serviceCode, String signature) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into problem_cluster (problem_id, rule, service_code, signature, open)
                        values (:id, :rule, :service, :signature, true)""")
                .setParameter("id", problemId).setParameter("rule", rule).setParameter("service", serviceCode)
                .setParameter("signature", signature).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> closeCluster(UUID problemId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update problem_cluster set open = false where problem_id = :id")
                .setParameter("id", problemId).executeUpdate()).replaceWithVoid();
    }

    /** Serialises clustering decisions for one (service, signature) across replicas until the transaction ends. */
    public Uni<Void> lockCluster(String serviceCode, String signature) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select cast(pg_advisory_xact_lock(hashtext(:key)) as text)", String.class)
                .setParameter("key", serviceCode + "|" + signature).getSingleResult()).replaceWithVoid();
    }

    /** The fields a list is narrowed by: service, Problem Owner, who raised it. */
    public static final Visibility.Fields SCOPE_FIELDS = new Visibility.Fields("serviceCode", null, null, "ownerId", "raisedBy");

    public Uni<Page<Problem>> search(ProblemStatus status, String serviceCode, ProblemOrigin origin, String ownerId,
                                     Visibility visible, PageRequest paging) {
        return Filter.where().eq("status", status).eq("serviceCode", serviceCode).eq("origin", origin).eq("ownerId", ownerId)
                .visibleTo(visible.condition(SCOPE_FIELDS))
                .page(this, Sort.descending("raisedAt").and("number", Sort.Direction.Descending), paging);
    }

    /** The first incidents of a problem (the evidence an event carries) and how many it has in all. */
    public record IncidentEvidence(List<UUID> firstIds, int count) {
    }

    public Uni<IncidentEvidence> incidentEvidence(UUID problemId, int firstN) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select cast(incident_id as text) from incident_observation
                                where problem_id = :problem order by linked_at, incident_id limit :first""", String.class)
                        .setParameter("problem", problemId).setParameter("first", firstN).getResultList()
                        .chain(ids -> session.createNativeQuery(
                                        "select count(*) from incident_observation where problem_id = :problem", Long.class)
                                .setParameter("problem", problemId).getSingleResult()
                                .map(count -> new IncidentEvidence(ids.stream().map(UUID::fromString).toList(), count.intValue()))));
    }

    /** How many incidents each of the problems has, in one query. */
    public Uni<Map<UUID, Long>> incidentCounts(List<UUID> problemIds) {
        if (problemIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select cast(problem_id as text), count(*) from incident_observation
                                where problem_id in (:problems) group by problem_id""", Object[].class)
                        .setParameter("problems", problemIds).getResultList())
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(UUID.fromString((String) row[0]), ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    /** One page of a problem's incidents, in the order they were linked. */
    public Uni<Page<IncidentObservation>> incidents(UUID problemId, PageRequest paging) {
        var query = IncidentObservation.<IncidentObservation>find("problemId = ?1",
                Sort.ascending("linkedAt").and("incidentId"), problemId);
        query.page(paging.toPanache());
        return query.list().chain(items -> query.count().map(total -> new Page<>(items, paging.page, paging.size, total)));
    }
}
