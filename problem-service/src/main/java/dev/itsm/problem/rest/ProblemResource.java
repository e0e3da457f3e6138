package dev.itsm.problem.rest;

import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemStatus;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.repository.ReadOnly;
import dev.itsm.kit.rest.IdempotentCreates;
import dev.itsm.problem.domain.Problem;
import jakarta.ws.rs.HeaderParam;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.problem.domain.ProblemAccess;
import dev.itsm.problem.domain.ProblemService;
import dev.itsm.problem.domain.ProblemStep;
import dev.itsm.problem.repository.ProblemRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
import java.util.UUID;

@Path("/api/problems")
@Authenticated
@Tag(name = "Problems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProblemResource {
    private final ProblemService problems;
    private final ProblemRepository repository;
    private final CurrentActor actor;
    private final IdempotentCreates creates;

    ProblemResource(ProblemService problems, ProblemRepository repository, CurrentActor actor, IdempotentCreates creates) {
        this.problems = problems;
        this.repository = repository;
        this.actor = actor;
        this.creates = creates;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Raise a problem by hand, optionally over known incidents. Send an Idempotency-Key header to make"
            + " a retry safe: a repeat answers the problem raised first.")
    public Uni<Response> raise(@Valid @NotNull ProblemRequests.RaiseProblem body,
                               @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey, @Context UriInfo uri) {
        Actor raiser = actor.get();
        return creates.create(idempotencyKey, raiser, body, uri, () -> problems.raiseByHand(new ProblemService.NewProblem(
                        body.title(), body.description(), body.serviceCode(), body.incidentIds()), raiser)
                .map(problem -> new IdempotentCreates.Outcome(problem.id,
                        ProblemView.of(problem, body.incidentIds() == null ? 0 : body.incidentIds().size()))));
    }

    @GET
    @WithSession
    @Operation(summary = "List problems, newest first, with filters and paging")
    public Uni<Page<ProblemView>> list(@QueryParam("status") ProblemStatus status, @QueryParam("serviceCode") String serviceCode,
                                       @QueryParam("origin") ProblemOrigin origin, @QueryParam("ownerId") String ownerId,
                                       @Valid @BeanParam PageRequest paging) {
        Actor caller = actor.get();
        ProblemAccess.POLICY.require(caller, ProblemAccess.READ);
        return ReadOnly.read(() -> repository.search(status, serviceCode, origin, ownerId,
                        ProblemAccess.POLICY.visibility(caller, ProblemAccess.READ), paging)
                .chain(page -> repository.incidentCounts(page.items().stream().map(p -> p.id).toList())
                        .map(counts -> page.map(p -> ProblemView.of(p, counts.getOrDefault(p.id, 0L))))));
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "One problem, with the explanation of why it was raised")
    public Uni<ProblemView> get(@PathParam("id") UUID id) {
        Actor caller = actor.get();
        ProblemAccess.POLICY.require(caller, ProblemAccess.READ);
        return ReadOnly.read(() -> problems.get(id).invoke(problem ->
                ProblemAccess.POLICY.require(caller, ProblemAccess.READ, problem.scope())).chain(this::view));
    }

    @GET
    @Path("{id}/incidents")
    @WithSession
    @Operation(summary = "A problem's incidents, paged, in the order they were linked")
    public Uni<Page<LinkedIncidentView>> incidents(@PathParam("id") UUID id, @Valid @BeanParam PageRequest paging) {
        Actor caller = actor.get();
        ProblemAccess.POLICY.require(caller, ProblemAccess.READ);
        return ReadOnly.read(() -> problems.get(id)
                .invoke(problem -> ProblemAccess.POLICY.require(caller, ProblemAccess.READ, problem.scope()))
                .chain(problem -> repository.incidents(id, paging))
                .map(page -> page.map(LinkedIncidentView::of)));
    }

    @POST
    @Path("{id}/{step}")
    @WithTransaction
    @Operation(summary = "Take a step: assign (the Problem Owner), assess, analyse, known-error, fix, resolve, close")
    public Uni<ProblemView> step(@PathParam("id") UUID id, @PathParam("step") String step, @Valid ProblemRequests.Step body) {
        ProblemRequests.Step details = body != null ? body : new ProblemRequests.Step(null, null, null, null, null, null);
        return problems.step(id, parse(step), new ProblemService.StepDetails(details.rootCause(), details.fix(),
                details.symptom(), details.workaround(), details.reason(), details.ownerId()), actor.get()).chain(this::view);
    }

    private Uni<ProblemView> view(Problem problem) {
        return repository.incidentCounts(java.util.List.of(problem.id))
                .map(counts -> ProblemView.of(problem, counts.getOrDefault(problem.id, 0L)));
    }

    private static ProblemStep parse(String step) {
        return Arrays.stream(ProblemStep.values())
                .filter(s -> s != ProblemStep.RAISE && s.pathName().equals(step))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("problem step", step + " (steps: assign, assess, analyse, known-error, fix, resolve, close)"));
    }
}
