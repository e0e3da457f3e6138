package dev.itsm.change.rest;

import dev.itsm.change.domain.ChangeService;
import dev.itsm.change.domain.ChangeStep;
import dev.itsm.change.domain.FreezeWindow;
import dev.itsm.change.repository.ChangeRepository;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.Created;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Path("/api")
@Authenticated
@Tag(name = "Changes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChangeResource {
    private final ChangeService changes;
    private final ChangeRepository repository;
    private final CurrentActor actor;

    ChangeResource(ChangeService changes, ChangeRepository repository, CurrentActor actor) {
        this.changes = changes;
        this.repository = repository;
        this.actor = actor;
    }

    @POST
    @Path("changes")
    @WithTransaction
    @Operation(summary = "Raise a change request (RFC)")
    public Uni<Response> create(@Valid @NotNull ChangeRequests.NewChange body, @Context UriInfo uri) {
        return changes.createByHand(new ChangeService.NewChange(body.title(), body.description(), body.type(), body.serviceCode(),
                        body.risk(), body.implementationPlan(), body.backoutPlan(), body.ownerId()), actor.get())
                .map(change -> Created.at(uri, change.id, ChangeView.of(change, List.of())));
    }

    @GET
    @Path("changes")
    @WithSession
    @Operation(summary = "List changes, newest first, with filters and paging")
    public Uni<Page<ChangeView>> list(@QueryParam("status") ChangeStatus status, @QueryParam("type") ChangeType type,
                                      @QueryParam("serviceCode") String serviceCode, @QueryParam("problemId") UUID problemId,
                                      @Valid @BeanParam PageRequest paging) {
        return repository.search(status, type, serviceCode, problemId, paging).map(page -> page.map(c -> ChangeView.of(c, List.of())));
    }

    @GET
    @Path("changes/{id}")
    @WithSession
    @Operation(summary = "One change, with its evidence and the CAB decisions")
    public Uni<ChangeView> get(@PathParam("id") UUID id) {
        return changes.get(id).chain(change -> changes.approvals(id).map(approvals -> ChangeView.of(change, approvals)));
    }

    @POST
    @Path("changes/{id}/{step}")
    @WithTransaction
    @Operation(summary = "Take a step: submit, assess, approve, reject, schedule, implement, complete, close, cancel")
    public Uni<ChangeView> step(@PathParam("id") UUID id, @PathParam("step") String step, @Valid ChangeRequests.Step body) {
        ChangeRequests.Step d = body != null ? body : new ChangeRequests.Step(null, null, null, null, null, null, null, null);
        return changes.step(id, parse(step), new ChangeService.StepDetails(d.risk(), d.notes(), d.comment(), d.reason(),
                        d.plannedStart(), d.plannedEnd(), d.result(), d.outcome()), actor.get())
                .chain(change -> changes.approvals(id).map(approvals -> ChangeView.of(change, approvals)));
    }

    @GET
    @Path("freeze-windows")
    @WithSession
    @Operation(summary = "Freeze windows: no change is scheduled into them (emergencies excepted)")
    public Uni<List<FreezeWindow>> freezes() {
        return FreezeWindow.listAll(Sort.by("startsAt"));
    }

    @POST
    @Path("freeze-windows")
    @WithTransaction
    @Operation(summary = "Declare a freeze window (Change Manager)")
    public Uni<Response> addFreeze(@Valid @NotNull ChangeRequests.NewFreeze body) {
        return changes.addFreeze(body.startsAt(), body.endsAt(), body.reason(), body.serviceCode(), actor.get())
                .map(freeze -> Response.status(Response.Status.CREATED).entity(freeze).build());
    }

    private static ChangeStep parse(String step) {
        return Arrays.stream(ChangeStep.values()).filter(s -> s.pathName().equals(step)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("change step", step + " (steps: " + ChangeStep.pathNames() + ")"));
    }
}
