package dev.itsm.change.repository;

import dev.itsm.change.domain.ChangeRequest;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.repository.Filter;
import dev.itsm.kit.security.Visibility;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ChangeRepository implements PanacheRepositoryBase<ChangeRequest, UUID> {

    public Uni<String> nextNumber() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select nextval('change_number_seq')", Long.class).getSingleResult())
                .map(n -> String.format("CHG%07d", n));
    }

    /** Other changes of the service booked to run, whose window overlaps [start, end). */
    public Uni<List<ChangeRequest>> bookedOverlapping(String serviceCode, UUID except, Instant start, Instant end) {
        return list("serviceCode = ?1 and id <> ?2 and status in ?3 and plannedStart < ?5 and plannedEnd > ?4",
                serviceCode, except, List.of(ChangeStatus.SCHEDULED, ChangeStatus.IMPLEMENT), start, end);
    }

    /** The fields a list is narrowed by: service, implementer, owner, requester. */
    public static final Visibility.Fields SCOPE_FIELDS = new Visibility.Fields("serviceCode", null, "implementerId", "ownerId", "requesterId");

    public Uni<Page<ChangeRequest>> search(ChangeStatus status, ChangeType type, String serviceCode, UUID problemId,
                                           Visibility visible, PageRequest paging) {
        return Filter.where().eq("status", status).eq("type", type).eq("serviceCode", serviceCode).eq("problemId", problemId)
                .visibleTo(visible.condition(SCOPE_FIELDS))
                .page(this, Sort.descending("createdAt").and("number", Sort.Direction.Descending), paging);
    }
}
