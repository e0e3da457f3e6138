package dev.itsm.incident.rest;

import dev.itsm.contracts.Priority;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.NoteVisibility;
import dev.itsm.incident.domain.IncidentDecisions;
import dev.itsm.incident.domain.IncidentMetrics;
import dev.itsm.incident.domain.IncidentAccess;
import dev.itsm.incident.domain.IncidentService;
import dev.itsm.incident.domain.IncidentSnapshot;
import dev.itsm.incident.domain.IncidentStep;
import dev.itsm.incident.repository.IncidentFilter;
import dev.itsm.incident.repository.IncidentRepository;
import dev.itsm.incident.repository.MetricsRows;
import dev.itsm.incident.repository.TimelineRows;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.repository.ReadOnly;
import dev.itsm.kit.rest.IdempotentCreates;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.Visibility;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Path("/api/incidents")
@Authenticated
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {
    /** The steps {@code POST /{id}/{step}} takes; the others have their own bodies and paths. */
    private static final Set<IncidentStep> PLAIN_STEPS = EnumSet.of(IncidentStep.ACCEPT, IncidentStep.HOLD, IncidentStep.RESUME,
            IncidentStep.RESOLVE, IncidentStep.CLOSE, IncidentStep.CANCEL, IncidentStep.REOPEN, IncidentStep.HAND_BACK,
            IncidentStep.ESCALATE);

    private final IncidentService incidents;
    private final IncidentRepository repository;
    private final TimelineRows timeline;
    private final IncidentMetrics metrics;
    private final CurrentActor actor;
    private final IdempotentCreates creates;
    private final Pool pool;
    private final Clock clock;

    IncidentResource(IncidentService incidents, IncidentRepository repository, TimelineRows timeline, IncidentMetrics metrics,
                     CurrentActor actor, IdempotentCreates creates, Pool pool, Clock clock) {
        this.incidents = incidents;
        this.repository = repository;
        this.timeline = timeline;
        this.metrics = metrics;
        this.actor = actor;
        this.creates = creates;
        this.pool = pool;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Report an incident; priority follows from impact × urgency. Send an Idempotency-Key header to"
            + " make a retry safe: a repeat answers the incident created first.")
    public Uni<Response> report(@Valid @NotNull CreateIncidentRequest request,
                                @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, @Context UriInfo uri) {
        Actor reporter = actor.get();
        return pool.withTransaction(tx -> creates.create(tx, idempotencyKey, reporter, request, uri,
                () -> incidents.report(tx, request.toDomain(), reporter)
                        .map(reported -> new IdempotentCreates.Outcome(reported.incident().id(), view(reported.incident())))));
    }

    @GET
    @WithSession
    @Operation(summary = "List incidents, newest first, with filters and paging")
    public Uni<Page<IncidentView>> list(@QueryParam("status") String status,
                                        @QueryParam("priority") String priority,
                                        @QueryParam("serviceCode") String serviceCode,
                                        @QueryParam("assignmentGroup") String assignmentGroup,
                                        @QueryParam("assigneeId") String assigneeId,
                                        @QueryParam("problemId") UUID problemId,
                                        @QueryParam("origin") String origin,
                                        @QueryParam("alertFingerprint") String alertFingerprint,
                                        @Valid @BeanParam PageRequest paging) {
        IncidentFilter filter = new IncidentFilter(value("status", status, IncidentStatus.class),
                value("priority", priority, Priority.class), serviceCode, assignmentGroup, assigneeId, problemId,
                value("origin", origin, IncidentOrigin.class), alertFingerprint);
        Actor caller = actor.get();
        IncidentAccess.POLICY.require(caller, IncidentAccess.READ);
        Visibility visible = IncidentAccess.POLICY.visibility(caller, IncidentAccess.READ);
        Instant now = clock.instant();
        return ReadOnly.read(() -> repository.search(filter, visible, paging))
                .map(page -> page.map(incident -> IncidentView.of(incident.snapshot(), now)));
    }

    @GET
    @Path("metrics")
    @Operation(summary = "MTTA and MTTR of the incidents opened in [from, to), grouped by priority, service, group or"
            + " assignee; optionally for one service")
    public Uni<MetricsView> metrics(@QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("groupBy") String groupBy, @QueryParam("serviceCode") String serviceCode) {
        Actor caller = actor.get();
        IncidentAccess.POLICY.require(caller, IncidentAccess.READ_METRICS);
        if (serviceCode != null) {
            IncidentAccess.POLICY.require(caller, IncidentAccess.READ_METRICS, RecordScope.ofService(serviceCode));
        } else if (!IncidentAccess.POLICY.visibility(caller, IncidentAccess.READ_METRICS).everything()) {
            // A role held for some services only (a Service Owner of payroll) reads the figures of one of them at a time.
            throw new ApiProblem(403, "forbidden-record", "This record is outside your scope",
                    "your roles reach the figures of some services only: name one with serviceCode",
                    Map.of("action", IncidentAccess.READ_METRICS.name(), "level", "record"));
        }
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(java.time.Duration.ofDays(30)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiProblem.badRequest("'from' (" + start + ") must be before 'to' (" + end + ")");
        }
        MetricsRows.Dimension dimension = dimension(groupBy);
        return metrics.figures(dimension, start, end, serviceCode)
                .map(figures -> new MetricsView(start, end, dimension.name().toLowerCase(Locale.ROOT), serviceCode,
                        figures.stream().map(MetricsView.Group::of).toList()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one incident, with its SLA clocks")
    public Uni<IncidentView> get(@PathParam("id") UUID id) {
        return readable(id).map(this::view);
    }

    /** An incident the caller may read: 403 for a role that reads no incident, 404, then 403 outside their scope. */
    private Uni<IncidentSnapshot> readable(UUID id) {
        Actor caller = actor.get();
        IncidentAccess.POLICY.require(caller, IncidentAccess.READ);
        return incidents.get(id).invoke(incident -> IncidentAccess.POLICY.require(caller, IncidentAccess.READ,
                IncidentAccess.scope(incident)));
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "The incident's timeline, oldest first: every step, field change, note, alert, SLA threshold and"
            + " escalation. People who do not work incidents see what the reporter sees: comments and status changes.")
    public Uni<Page<TimelineView>> timeline(@PathParam("id") UUID id, @QueryParam("visibility") String visibility,
                                            @Valid @BeanParam PageRequest paging) {
        if (visibility != null && !visibility.equalsIgnoreCase("customer") && !visibility.equalsIgnoreCase("all")) {
            throw ApiProblem.badRequest("visibility must be 'all' or 'customer', not '" + visibility + "'");
        }
        boolean askedForCustomer = visibility != null && visibility.equalsIgnoreCase("customer");
        return readable(id).chain(incident -> timeline.page(pool, id,
                        askedForCustomer || !IncidentAccess.readsWorkNotes(actor.get(), incident), paging.page, paging.size))
                .map(page -> page.map(TimelineView::of));
    }

    @POST
    @Path("{id}/classify")
    @Operation(summary = "Classify: category from the catalogue, impact, urgency. A priority change needs a reason.")
    public Uni<IncidentView> classify(@PathParam("id") UUID id, @Valid @NotNull Requests.Classify request) {
        return incidents.classify(id, new IncidentDecisions.Classification(request.category(), request.impact(), request.urgency(),
                request.reason()), actor.get()).map(this::view);
    }

    @POST
    @Path("{id}/update")
    @Operation(summary = "Update the title or the description")
    public Uni<IncidentView> update(@PathParam("id") UUID id, @Valid @NotNull Requests.Update request) {
        return incidents.update(id, request.title(), request.description(), actor.get()).map(this::view);
    }

    @POST
    @Path("{id}/assign")
    @Operation(summary = "Assign to a group, and optionally to one of its members (who then accepts it)")
    public Uni<IncidentView> assign(@PathParam("id") UUID id, @Valid @NotNull Requests.Assign request) {
        return incidents.assign(id, request.group().strip(), request.assigneeId() == null || request.assigneeId().isBlank() ? null
                : request.assigneeId().strip(), request.reason(), actor.get()).map(this::view);
    }

    @POST
    @Path("{id}/work-note")
    @Operation(summary = "Add a work note: seen by the people working the incident only")
    public Uni<IncidentView> workNote(@PathParam("id") UUID id, @Valid @NotNull Requests.Note request) {
        return incidents.note(id, NoteVisibility.WORK_NOTE, request.text(), actor.get()).map(this::view);
    }

    @POST
    @Path("{id}/comment")
    @Operation(summary = "Add a comment the reporter sees")
    public Uni<IncidentView> comment(@PathParam("id") UUID id, @Valid @NotNull Requests.Note request) {
        return incidents.note(id, NoteVisibility.COMMENT, request.text(), actor.get()).map(this::view);
    }

    @POST
    @Path("{id}/{step}")
    @Operation(summary = "Take a step: accept, hold, resume, resolve, close, cancel, reopen, hand-back, escalate")
    public Uni<IncidentView> step(@PathParam("id") UUID id, @PathParam("step") String step, @Valid StepRequest request) {
        StepRequest body = request != null ? request : StepRequest.EMPTY;
        IncidentStep parsed = parse(step);
        Uni<IncidentSnapshot> done = parsed == IncidentStep.ESCALATE
                ? incidents.escalate(id, body.reason(), actor.get())
                : incidents.step(id, parsed, new IncidentDecisions.StepDetails(body.reason(), body.resolution()), actor.get());
        return done.map(this::view);
    }

    private IncidentView view(IncidentSnapshot incident) {
        return IncidentView.of(incident, clock.instant());
    }

    private static IncidentStep parse(String step) {
        try {
            IncidentStep parsed = IncidentStep.valueOf(step.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (PLAIN_STEPS.contains(parsed)) {
                return parsed;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw ApiProblem.notFound("incident step", step + " (steps: " + Arrays.stream(IncidentStep.values())
                .filter(PLAIN_STEPS::contains).map(IncidentStep::path).toList()
                + "; classify, update, assign, work-note and comment have their own paths)");
    }

    private static MetricsRows.Dimension dimension(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return MetricsRows.Dimension.PRIORITY;
        }
        try {
            return MetricsRows.Dimension.valueOf(groupBy.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "bad-request", "Bad request", "groupBy must be one of priority, service, group, assignee; not '"
                    + groupBy + "'", Map.of("groupBy", List.of("priority", "service", "group", "assignee")));
        }
    }

    /** A filter's enum value, or 400 naming the values it takes. */
    private static <E extends Enum<E>> E value(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            throw new ApiProblem(400, "bad-request", "Bad request", name + " must be one of " + allowed + ", not '" + value + "'",
                    Map.of("parameter", name, "allowedValues", allowed));
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-23T00:00:00Z, not '" + value + "'");
        }
    }
}
