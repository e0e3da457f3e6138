package dev.itsm.incident.rest;

import dev.itsm.contracts.Priority;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.incident.domain.Incident;
import dev.itsm.incident.domain.IncidentService;
import dev.itsm.incident.domain.IncidentStep;
import dev.itsm.incident.repository.IncidentFilter;
import dev.itsm.incident.repository.IncidentRepository;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.IdempotentCreates;
import dev.itsm.kit.security.Actor;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.HeaderParam;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.incident.domain.IncidentAccess;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

@Path("/api/incidents")
@Authenticated
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {
    private final IncidentService incidents;
    private final IncidentRepository repository;
    private final CurrentActor actor;
    private final IdempotentCreates creates;
    private final Pool pool;

    IncidentResource(IncidentService incidents, IncidentRepository repository, CurrentActor actor, IdempotentCreates creates,
                     Pool pool) {
        this.incidents = incidents;
        this.repository = repository;
        this.actor = actor;
        this.creates = creates;
        this.pool = pool;
    }

    @POST
    @Operation(summary = "Report an incident; priority follows from impact × urgency. Send an Idempotency-Key header to"
            + " make a retry safe: a repeat answers the incident created first.")
    public Uni<Response> report(@Valid @NotNull CreateIncidentRequest request,
                                @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, @Context UriInfo uri) {
        Actor reporter = actor.get();
        return pool.withTransaction(tx -> creates.create(tx, idempotencyKey, reporter, request, uri,
                () -> incidents.report(tx, request.toDomain(), reporter)
                        .map(reported -> new IdempotentCreates.Outcome(reported.incident().id(),
                                IncidentView.of(reported.incident(), reported.origin())))));
    }

    @GET
    @WithSession
    @Operation(summary = "List incidents, newest first, with filters and paging")
    public Uni<Page<IncidentView>> list(@QueryParam("status") IncidentStatus status,
                                        @QueryParam("priority") Priority priority,
                                        @QueryParam("serviceCode") String serviceCode,
                                        @QueryParam("assignmentGroup") String assignmentGroup,
                                        @QueryParam("assigneeId") String assigneeId,
                                        @QueryParam("problemId") UUID problemId,
                                        @QueryParam("origin") IncidentOrigin origin,
                                        @QueryParam("alertFingerprint") String alertFingerprint,
                                        @Valid @BeanParam PageRequest paging) {
        IncidentFilter filter = new IncidentFilter(status, priority, serviceCode, assignmentGroup, assigneeId, problemId,
                origin, alertFingerprint);
        Actor caller = actor.get();
        IncidentAccess.POLICY.require(caller, IncidentAccess.READ);
        return repository.search(filter, IncidentAccess.POLICY.visibility(caller, IncidentAccess.READ), paging)
                .map(page -> page.map(IncidentView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "Read one incident")
    public Uni<IncidentView> get(@PathParam("id") UUID id) {
        Actor caller = actor.get();
        IncidentAccess.POLICY.require(caller, IncidentAccess.READ);
        return incidents.get(id).map(incident -> {
            IncidentAccess.POLICY.require(caller, IncidentAccess.READ, incident.scope());
            return IncidentView.of(incident);
        });
    }

    @POST
    @Path("{id}/{step}")
    @WithTransaction
    @Operation(summary = "Take a step: accept, hold, resume, resolve, close, cancel, reopen, hand-back")
    public Uni<IncidentView> step(@PathParam("id") UUID id, @PathParam("step") String step, @Valid StepRequest request) {
        StepRequest body = request != null ? request : StepRequest.EMPTY;
        return incidents.step(id, parse(step), new Incident.StepDetails(body.reason(), body.resolution()), actor.get())
                .map(IncidentView::of);
    }

    private static IncidentStep parse(String step) {
        try {
            IncidentStep parsed = IncidentStep.valueOf(step.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (parsed != IncidentStep.CREATE) {
                return parsed;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw ApiProblem.notFound("incident step", step + " (steps: " + Arrays.stream(IncidentStep.values())
                .filter(s -> s != IncidentStep.CREATE).map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() + ")");
    }
}
