package dev.itsm.problem.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.change.ChangeImplemented;
import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemClosed;
import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.contracts.problem.ProblemStatus;
import dev.itsm.contracts.problem.ProblemStatusChanged;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import dev.itsm.problem.repository.ProblemRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Problem use cases, each in the caller's transaction with its events in the outbox. */
@ApplicationScoped
public class ProblemService {
    private final ProblemRepository problems;
    private final Outbox outbox;
    private final Clock clock;

    ProblemService(ProblemRepository problems, Outbox outbox, Clock clock) {
        this.problems = problems;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record StepDetails(String rootCause, String fix, String symptom, String workaround, String reason) {
        public static final StepDetails NONE = new StepDetails(null, null, null, null, null);
    }

    // ---- problems raised by hand ----

    public record NewProblem(String title, String description, String serviceCode, List<UUID> incidentIds) {
    }

    public Uni<Problem> raiseByHand(NewProblem request, Actor actor) {
        ProblemStep.POLICY.require(actor, ProblemStep.RAISE);
        List<UUID> ids = request.incidentIds() != null ? request.incidentIds() : List.of();
        return (ids.isEmpty() ? Uni.createFrom().item(List.<IncidentObservation>of())
                : IncidentObservation.<IncidentObservation>list("incidentId in ?1", ids))
                .chain(found -> {
                    if (found.size() != ids.size()) {
                        throw ApiProblem.unprocessable("unknown incidents: " + ids.stream()
                                .filter(id -> found.stream().noneMatch(o -> o.incidentId.equals(id))).toList());
                    }
                    return raise(request.title(), request.description(), request.serviceCode(), null, ProblemOrigin.MANUAL,
                            null, found, actor.id(), null);
                });
    }

    private Uni<Problem> raise(String title, String description, String serviceCode, String signature, ProblemOrigin origin,
                               ClusterExplanation explanation, List<IncidentObservation> incidents, String raisedBy,
                               Causation causation) {
        Instant now = clock.instant();
        Problem problem = new Problem();
        problem.id = UUID.randomUUID();
        problem.title = Titles.fit(title);
        problem.description = description;
        problem.serviceCode = serviceCode;
        problem.signature = signature;
        problem.status = ProblemStatus.NEW;
        problem.origin = origin;
        problem.clusterExplanation(explanation);
        incidents.forEach(o -> {
            o.problemId = problem.id;
            o.linkedAt = now;
        });
        problem.raisedBy = raisedBy;
        problem.raisedAt = now;
        problem.updatedAt = now;
        return problems.nextNumber()
                .invoke(number -> problem.number = number)
                .chain(() -> problems.persist(problem))
                // The cluster row refers to the problem through a native insert: write the problem first.
                .chain(problems::flush)
                .chain(() -> outbox.publish(EventTypes.PROBLEM_RAISED, problem.id.toString(), new ProblemRaised(
                        problem.id, problem.number, problem.title, problem.serviceCode, problem.origin, explanation,
                        incidents.stream().map(o -> o.incidentId).toList(), raisedBy, now),
                        causation != null ? causation : Causation.rootedAt(problem.id.toString())))
                .replaceWith(problem);
    }


    // ---- steps ----

    public Uni<Problem> get(UUID id) {
        return problems.findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("problem", id));
    }

    public Uni<Problem> step(UUID id, ProblemStep step, StepDetails details, Actor actor) {
        ProblemStep.POLICY.require(actor, step);
        return get(id).chain(problem -> {
            ProblemStatus from = problem.status;
            ProblemStatus to = ProblemLifecycle.next(from, step);
            Instant now = clock.instant();
            switch (step) {
                case FIX -> {
                    problem.rootCause = required(details.rootCause(), "rootCause");
                    problem.fix = details.fix();
                }
                case RESOLVE -> {
                    problem.rootCause = required(details.rootCause() != null ? details.rootCause() : problem.rootCause, "rootCause");
                    problem.fix = required(details.fix() != null ? details.fix() : problem.fix, "fix");
                    problem.resolvedAt = now;
                }
                case CLOSE -> {
                    problem.closeReason = required(details.reason(), "reason");
                    problem.closedAt = now;
                    problem.closedBy = actor.id();
                }
                default -> {
                }
            }
            if (step == ProblemStep.KNOWN_ERROR) {
                return recordKnownError(problem, details, now).replaceWith(problem);
            }
            problem.status = to;
            problem.updatedAt = now;
            Causation causation = Causation.rootedAt(problem.id.toString());
            Uni<Void> published = publishStatus(problem, from, actor.id(), causation);
            if (step == ProblemStep.RESOLVE) {
                published = published.chain(() -> problems.incidentEvidence(problem.id, ProblemResolved.MAX_INCIDENT_IDS))
                        .chain(evidence -> outbox.publish(EventTypes.PROBLEM_RESOLVED, problem.id.toString(),
                                new ProblemResolved(problem.id, problem.number, problem.title, problem.serviceCode, problem.rootCause,
                                        problem.fix, evidence.firstIds(), problem.clusterExplanation(), actor.id(), now,
                                        evidence.count()), causation))
                        .replaceWithVoid();
            }
            if (step == ProblemStep.CLOSE) {
                published = published.chain(() -> closed(problem, null, causation));
            }
            return published.replaceWith(problem);
        });
    }

    private Uni<KnownError> recordKnownError(Problem problem, StepDetails details, Instant now) {
        String symptom = required(details.symptom(), "symptom");
        String workaround = required(details.workaround(), "workaround");
        return KnownError.<KnownError>find("problemId", problem.id).firstResult().chain(existing -> {
            KnownError knownError = existing != null ? existing : new KnownError();
            if (existing == null) {
                knownError.id = UUID.randomUUID();
                knownError.problemId = problem.id;
            }
            knownError.serviceCode = problem.serviceCode;
            knownError.signature = problem.signature;
            knownError.symptom = symptom;
            knownError.workaround = workaround;
            knownError.publishedAt = now;
            return existing != null ? Uni.createFrom().item(knownError) : knownError.persist();
        });
    }

    // ---- the loop closes ----

    /** An implemented change that names a problem closes it, wherever it stands. */
    public Uni<Void> onChangeImplemented(ChangeImplemented change, Causation causation) {
        if (change.problemId() == null) {
            return Uni.createFrom().voidItem();
        }
        return problems.findById(change.problemId()).chain(problem -> {
            if (problem == null || !ProblemLifecycle.closedByChange(problem.status)) {
                return Uni.createFrom().voidItem();
            }
            ProblemStatus from = problem.status;
            Instant now = clock.instant();
            problem.status = ProblemStatus.CLOSED;
            problem.closedAt = now;
            problem.updatedAt = now;
            problem.closedBy = "change-service";
            problem.changeId = change.changeId();
            problem.closeReason = "closed by implemented change " + change.number();
            return publishStatus(problem, from, problem.closedBy, causation).chain(() -> closed(problem, change.changeId(), causation));
        });
    }

    private Uni<Void> closed(Problem problem, UUID changeId, Causation causation) {
        return problems.closeCluster(problem.id)
                .chain(() -> outbox.publish(EventTypes.PROBLEM_CLOSED, problem.id.toString(), new ProblemClosed(
                        problem.id, problem.number, problem.closedBy, problem.closeReason, changeId, problem.closedAt), causation))
                .replaceWithVoid();
    }

    private Uni<Void> publishStatus(Problem problem, ProblemStatus from, String actorId, Causation causation) {
        return outbox.publish(EventTypes.PROBLEM_STATUS_CHANGED, problem.id.toString(), new ProblemStatusChanged(
                problem.id, problem.number, problem.serviceCode, from, problem.status, actorId, problem.updatedAt), causation)
                .replaceWithVoid();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.unprocessable("this step needs " + field);
        }
        return value.strip();
    }

}
