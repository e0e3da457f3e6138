package dev.itsm.directory.rest;

import dev.itsm.directory.domain.DirectoryAccess;
import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.ItService;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/services")
@Authenticated
@Tag(name = "Services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceResource {
    private final DirectoryService directory;
    private final CurrentActor actor;

    ServiceResource(DirectoryService directory, CurrentActor actor) {
        this.directory = directory;
        this.actor = actor;
    }

    @GET
    @WithSession
    @Operation(summary = "List services with their owners and support tiers")
    public Uni<List<Views.ServiceView>> list() {
        DirectoryAccess.POLICY.require(actor.get(), DirectoryAccess.READ_SERVICES, RecordScope.NONE);
        return ItService.<ItService>listAll(Sort.by("code")).map(services -> services.stream().map(Views.ServiceView::of).toList());
    }

    @GET
    @Path("{code}")
    @WithSession
    @Operation(summary = "One service")
    public Uni<Views.ServiceView> get(@PathParam("code") String code) {
        DirectoryAccess.POLICY.require(actor.get(), DirectoryAccess.READ_SERVICES, RecordScope.NONE);
        return directory.service(code).map(Views.ServiceView::of);
    }

    @PUT
    @Path("{code}")
    @WithTransaction
    @Operation(summary = "Create or update a service (directory administrators)")
    public Uni<Views.ServiceView> put(@PathParam("code") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String code,
                                      @Valid @NotNull Requests.ServiceBody body) {
        return directory.putService(new DirectoryService.ServiceDraft(code, body.name(), body.ownerId(), body.businessOwnerId(),
                body.tier1Group(), body.tier2Group(), body.tier3Group()), actor.get()).map(Views.ServiceView::of);
    }
}
