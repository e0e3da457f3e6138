package dev.itsm.problem.rest;

import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemStatus;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.Created;
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

    ProblemResource(ProblemService problems, ProblemRepository repository, CurrentActor actor) {
        this.problems = problems;
        this.repository = repository;
        this.actor = actor;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Raise a problem by hand, optionally over known incidents")
    public Uni<Response> raise(@Valid @NotNull ProblemRequests.RaiseProblem body, @Context UriInfo uri) {
        return problems.raiseByHand(new ProblemService.NewProblem(body.title(), body.description(), body.serviceCode(),
                        body.incidentIds()), actor.get())
                .map(problem -> Created.at(uri, problem.id, ProblemView.of(problem)));
    }

    @GET
    @WithSession
    @Operation(summary = "List problems, newest first, with filters and paging")
    public Uni<Page<ProblemView>> list(@QueryParam("status") ProblemStatus status, @QueryParam("serviceCode") String serviceCode,
                                       @QueryParam("origin") ProblemOrigin origin, @QueryParam("ownerId") String ownerId,
                                       @Valid @BeanParam PageRequest paging) {
        Actor caller = actor.get();
        ProblemAccess.POLICY.require(caller, ProblemAccess.READ);
        return repository.search(status, serviceCode, origin, ownerId, ProblemAccess.POLICY.visibility(caller, ProblemAccess.READ), paging)
                .map(page -> page.map(ProblemView::of));
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "One problem, with the explanation of why it was raised")
    public Uni<ProblemView> get(@PathParam("id") UUID id) {
        Actor caller = actor.get();
        ProblemAccess.POLICY.require(caller, ProblemAccess.READ);
        return problems.get(id).map(problem -> {
            ProblemAccess.POLICY.require(caller, ProblemAccess.READ, problem.scope());
            return ProblemView.of(problem);
        });
    }

    @POST
    @Path("{id}/{step}")
    @WithTransaction
    @Operation(summary = "Take a step: assign (the Problem Owner), assess, analyse, known-error, fix, resolve, close")
    public Uni<ProblemView> step(@PathParam("id") UUID id, @PathParam("step") String step, @Valid ProblemRequests.Step body) {
        ProblemRequests.Step details = body != null ? body : new ProblemRequests.Step(null, null, null, null, null, null);
        return problems.step(id, parse(step), new ProblemService.StepDetails(details.rootCause(), details.fix(),
                details.symptom(), details.workaround(), details.reason(), details.ownerId()), actor.get()).map(ProblemView::of);
    }

    private static ProblemStep parse(String step) {
        return Arrays.stream(ProblemStep.values())
                .filter(s -> s != ProblemStep.RAISE && s.pathName().equals(step))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("problem step", step + " (steps: assign, assess, analyse, known-error, fix, resolve, close)"));
    }
}
