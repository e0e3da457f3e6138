package dev.itsm.incident.repository;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.incident.domain.Incident;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {
    private static final List<IncidentStatus> OPEN = List.of(IncidentStatus.NEW, IncidentStatus.IN_PROGRESS, IncidentStatus.ON_HOLD);

    public Uni<Incident> findOpenByFingerprint(String fingerprint) {
        return find("alertFingerprint = ?1 and status in ?2", fingerprint, OPEN).firstResult();
    }

    public Uni<String> nextNumber() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select nextval('incident_number_seq')", Long.class).getSingleResult())
                .map(n -> String.format("INC%07d", n));
    }

    public Uni<List<Incident>> findByIds(List<UUID> ids) {
        return list("id in ?1", ids);
    }

    public Uni<Page<Incident>> search(IncidentFilter filter, PageRequest paging) {
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            clauses.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.priority() != null) {
            clauses.add("priority = :priority");
            parameters.and("priority", filter.priority());
        }
        if (filter.serviceCode() != null) {
            clauses.add("serviceCode = :serviceCode");
            parameters.and("serviceCode", filter.serviceCode());
        }
        if (filter.assignmentGroup() != null) {
            clauses.add("assignmentGroup = :assignmentGroup");
            parameters.and("assignmentGroup", filter.assignmentGroup());
        }
        if (filter.assigneeId() != null) {
            clauses.add("assigneeId = :assigneeId");
            parameters.and("assigneeId", filter.assigneeId());
        }
        if (filter.problemId() != null) {
            clauses.add("problemId = :problemId");
            parameters.and("problemId", filter.problemId());
        }
        if (filter.origin() != null) {
            clauses.add("origin = :origin");
            parameters.and("origin", filter.origin());
        }
        if (filter.alertFingerprint() != null) {
            clauses.add("alertFingerprint = :alertFingerprint");
            parameters.and("alertFingerprint", filter.alertFingerprint());
        }
        String query = String.join(" and ", clauses);
        Sort sort = Sort.descending("openedAt").and("number", Sort.Direction.Descending);
        var panacheQuery = clauses.isEmpty() ? findAll(sort) : find(query, sort, parameters);
        panacheQuery.page(paging.toPanache());
        return panacheQuery.list().chain(items -> panacheQuery.count()
                .map(total -> new Page<>(items, paging.page, paging.size, total)));
    }
}
