package dev.itsm.change.rest;

import dev.itsm.change.domain.ChangeAccess;
import dev.itsm.change.domain.ChangeService;
import dev.itsm.change.domain.ChangeTemplate;
import dev.itsm.change.domain.ChangeStep;
import dev.itsm.change.domain.FreezeWindow;
import dev.itsm.change.repository.ChangeRepository;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.Created;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
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
                        body.risk(), body.implementationPlan(), body.backoutPlan(), body.ownerId(), body.templateId()), actor.get())
                .map(change -> Created.at(uri, change.id, ChangeView.of(change, List.of())));
    }

    @GET
    @Path("changes")
    @WithSession
    @Operation(summary = "List changes, newest first, with filters and paging")
    public Uni<Page<ChangeView>> list(@QueryParam("status") ChangeStatus status, @QueryParam("type") ChangeType type,
                                      @QueryParam("serviceCode") String serviceCode, @QueryParam("problemId") UUID problemId,
                                      @Valid @BeanParam PageRequest paging) {
        Actor caller = actor.get();
        ChangeAccess.POLICY.require(caller, ChangeAccess.READ);
        return repository.search(status, type, serviceCode, problemId, ChangeAccess.POLICY.visibility(caller, ChangeAccess.READ), paging)
                .map(page -> page.map(c -> ChangeView.of(c, List.of())));
    }

    @GET
    @Path("changes/{id}")
    @WithSession
    @Operation(summary = "One change, with its evidence and the CAB decisions")
    public Uni<ChangeView> get(@PathParam("id") UUID id) {
        Actor caller = actor.get();
        ChangeAccess.POLICY.require(caller, ChangeAccess.READ);
        return changes.get(id).chain(change -> {
            ChangeAccess.POLICY.require(caller, ChangeAccess.READ, change.scope());
            return changes.approvals(id).map(approvals -> ChangeView.of(change, approvals));
        });
    }

    @POST
    @Path("changes/{id}/{step}")
    @WithTransaction
    @Operation(summary = "Take a step: assign, submit, assess, approve, reject, schedule, implement, complete, close, cancel")
    public Uni<ChangeView> step(@PathParam("id") UUID id, @PathParam("step") String step, @Valid ChangeRequests.Step body) {
        ChangeRequests.Step d = body != null ? body : new ChangeRequests.Step(null, null, null, null, null, null, null, null, null, null);
        return changes.step(id, parse(step), new ChangeService.StepDetails(d.risk(), d.notes(), d.comment(), d.reason(),
                        d.plannedStart(), d.plannedEnd(), d.result(), d.outcome(), d.ownerId(), d.implementerId()), actor.get())
                .chain(change -> changes.approvals(id).map(approvals -> ChangeView.of(change, approvals)));
    }

    @GET
    @Path("freeze-windows")
    @WithSession
    @Operation(summary = "Freeze windows: no change is scheduled into them (emergencies excepted)")
    public Uni<List<FreezeWindow>> freezes() {
        ChangeAccess.POLICY.require(actor.get(), ChangeAccess.READ_FREEZE_WINDOWS, RecordScope.NONE);
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

    @GET
    @Path("change-templates")
    @WithSession
    @Operation(summary = "The catalogue of pre-approved standard changes")
    public Uni<List<ChangeView.TemplateView>> templates(@QueryParam("serviceCode") String serviceCode,
                                                        @QueryParam("active") Boolean active) {
        Actor caller = actor.get();
        ChangeAccess.POLICY.require(caller, ChangeAccess.READ_TEMPLATES);
        var visible = ChangeAccess.POLICY.visibility(caller, ChangeAccess.READ_TEMPLATES);
        return ChangeTemplate.<ChangeTemplate>listAll(Sort.by("name")).map(all -> all.stream()
                .filter(t -> visible.everything() || visible.reaches(RecordScope.ofService(t.serviceCode)))
                .filter(t -> serviceCode == null || t.appliesTo(serviceCode))
                .filter(t -> active == null || t.active == active)
                .map(ChangeView.TemplateView::of).toList());
    }

    @GET
    @Path("change-templates/{id}")
    @WithSession
    @Operation(summary = "One standard-change template")
    public Uni<ChangeView.TemplateView> template(@PathParam("id") UUID id) {
        Actor caller = actor.get();
        ChangeAccess.POLICY.require(caller, ChangeAccess.READ_TEMPLATES);
        return ChangeTemplate.<ChangeTemplate>findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("change template", id))
                .map(template -> {
                    ChangeAccess.POLICY.require(caller, ChangeAccess.READ_TEMPLATES, RecordScope.ofService(template.serviceCode));
                    return ChangeView.TemplateView.of(template);
                });
    }

    @POST
    @Path("change-templates")
    @WithTransaction
    @Operation(summary = "Add a pre-approved standard change to the catalogue (Change Process Owner)")
    public Uni<Response> addTemplate(@Valid @NotNull ChangeRequests.NewTemplate body, @Context UriInfo uri) {
        return changes.addTemplate(new ChangeService.NewTemplate(body.name(), body.description(), body.serviceCode(), body.risk(),
                        body.implementationPlan(), body.backoutPlan()), actor.get())
                .map(template -> Created.at(uri, template.id, ChangeView.TemplateView.of(template)));
    }

    @POST
    @Path("change-templates/{id}/retire")
    @WithTransaction
    @Operation(summary = "Retire a template: it raises no new standard change (Change Process Owner)")
    public Uni<ChangeView.TemplateView> retireTemplate(@PathParam("id") UUID id) {
        return changes.retireTemplate(id, actor.get()).map(ChangeView.TemplateView::of);
    }

    private static ChangeStep parse(String step) {
        return Arrays.stream(ChangeStep.values()).filter(s -> s.pathName().equals(step)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("change step", step + " (steps: " + ChangeStep.pathNames() + ")"));
    }
}
