package dev.itsm.problem.rest;

import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.Visibility;
import dev.itsm.problem.domain.KnownError;
import dev.itsm.problem.domain.ProblemAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Known errors with their workarounds, for the Service Desk to apply while the fix is pending. */
@Path("/api/known-errors")
@Authenticated
@Tag(name = "Known errors")
@Produces(MediaType.APPLICATION_JSON)
public class KnownErrorResource {
    private final CurrentActor actor;

    KnownErrorResource(CurrentActor actor) {
        this.actor = actor;
    }

    public record KnownErrorView(UUID id, UUID problemId, String serviceCode, String signature, String symptom,
                                 String workaround, Instant publishedAt) {
    }

    @GET
    @WithSession
    @Operation(summary = "Published known errors, by service and symptom signature")
    public Uni<List<KnownErrorView>> list(@QueryParam("serviceCode") String serviceCode, @QueryParam("signature") String signature) {
        ProblemAccess.POLICY.require(actor.get(), ProblemAccess.READ_KNOWN_ERRORS);
        Visibility visible = ProblemAccess.POLICY.visibility(actor.get(), ProblemAccess.READ_KNOWN_ERRORS);
        String query = serviceCode == null && signature == null ? null : String.join(" and ",
                java.util.stream.Stream.of(serviceCode != null ? "serviceCode = ?1" : null,
                        signature != null ? "signature = ?" + (serviceCode != null ? 2 : 1) : null)
                        .filter(java.util.Objects::nonNull).toList());
        Object[] params = java.util.stream.Stream.of(serviceCode, signature).filter(java.util.Objects::nonNull).toArray();
        Uni<List<KnownError>> found = query == null ? KnownError.listAll(Sort.descending("publishedAt"))
                : KnownError.list(query, Sort.descending("publishedAt"), params);
        return found.map(list -> list.stream()
                .filter(k -> visible.everything() || visible.reaches(RecordScope.ofService(k.serviceCode)))
                .map(k -> new KnownErrorView(k.id, k.problemId, k.serviceCode, k.signature,
                k.symptom, k.workaround, k.publishedAt)).toList());
    }
}
