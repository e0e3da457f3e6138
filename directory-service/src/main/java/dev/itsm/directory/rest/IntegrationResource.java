package dev.itsm.directory.rest;

import dev.itsm.directory.domain.DirectoryAccess;
import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.IntegrationClient;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.RevocationList;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Integration clients (monitoring tools, other systems); their secrets come from the environment, never from here. */
@Path("/api/integrations")
@Authenticated
@Tag(name = "Integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntegrationResource {
    private final DirectoryService directory;
    private final RevocationList revocations;
    private final CurrentActor actor;

    IntegrationResource(DirectoryService directory, RevocationList revocations, CurrentActor actor) {
        this.directory = directory;
        this.revocations = revocations;
        this.actor = actor;
    }

    @GET
    @WithSession
    @Operation(summary = "Integration clients with their scopes (directory administrators)")
    public Uni<List<Views.IntegrationView>> list() {
        DirectoryAccess.POLICY.require(actor.get(), DirectoryAccess.READ_INTEGRATIONS, RecordScope.NONE);
        return IntegrationClient.<IntegrationClient>listAll(Sort.by("clientId"))
                .map(clients -> clients.stream().map(Views.IntegrationView::of).toList());
    }

    @PUT
    @Path("{clientId}/active")
    @Operation(summary = "Switch a client on or off; switching off revokes its tokens everywhere (directory administrators)")
    public Uni<Views.IntegrationView> active(@PathParam("clientId") String clientId, @Valid @NotNull Requests.Activation body) {
        return Panache.withTransaction(() -> directory.setClientActive(clientId, body.active(), actor.get()))
                .call(revocations::refresh)
                .map(Views.IntegrationView::of);
    }
}
