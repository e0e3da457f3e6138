package dev.itsm.incident.repository;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.incident.domain.Incident;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import dev.itsm.kit.repository.Filter;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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


    public Uni<Page<Incident>> search(IncidentFilter filter, PageRequest paging) {
        return Filter.where()
                .eq("status", filter.status())
                .eq("priority", filter.priority())
                .eq("serviceCode", filter.serviceCode())
                .eq("assignmentGroup", filter.assignmentGroup())
                .eq("assigneeId", filter.assigneeId())
                .eq("problemId", filter.problemId())
                .eq("origin", filter.origin())
                .eq("alertFingerprint", filter.alertFingerprint())
                .page(this, Sort.descending("openedAt").and("number", Sort.Direction.Descending), paging);
    }
}
