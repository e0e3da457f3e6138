package dev.itsm.kit.audit;

import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Reads and verifies a record's audit chain; there is no endpoint that writes or changes an entry. */
@Path("/api/audit/{recordType}/{recordId}")
@Authenticated
@Tag(name = "Audit trail")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditTrail trail;
    private final Instance<AuditReaders> readers;
    private final CurrentActor actor;

    AuditResource(AuditTrail trail, Instance<AuditReaders> readers, CurrentActor actor) {
        this.trail = trail;
        this.readers = readers;
        this.actor = actor;
    }

    @GET
    @WithSession
    @Operation(summary = "A record's audit entries, oldest first")
    public Uni<Page<AuditView>> entries(@PathParam("recordType") String recordType, @PathParam("recordId") String recordId,
                                        @Valid @BeanParam PageRequest paging) {
        authorise(recordType);
        return trail.entries(recordType, recordId, paging.page, paging.size);
    }

    @GET
    @Path("verify")
    @WithSession
    @Operation(summary = "Recompute a record's audit chain and name the first broken link, if any")
    public Uni<ChainVerification> verify(@PathParam("recordType") String recordType, @PathParam("recordId") String recordId) {
        authorise(recordType);
        return trail.verify(recordType, recordId).invoke(result -> {
            if (result.entries() == 0) {
                throw ApiProblem.notFound(recordType + " audit trail", recordId);
            }
        });
    }

    private void authorise(String recordType) {
        if (readers.isUnsatisfied()) {
            throw ApiProblem.forbidden("this service grants no one its audit trail", Map.of("action", "READ_AUDIT"));
        }
        AuditReaders policy = readers.get();
        policy.requireRead(actor.get(), recordType);
        if (!policy.recordTypes().contains(recordType)) {
            throw ApiProblem.notFound("record type", recordType + " (types: " + new java.util.TreeSet<>(policy.recordTypes()) + ")");
        }
    }
}
