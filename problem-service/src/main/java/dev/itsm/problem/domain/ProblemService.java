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
import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.problem.repository.ProblemRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Problem use cases, each in the caller's transaction with its events in the outbox. */
@ApplicationScoped
public class ProblemService {
    private final ProblemRepository problems;
    private final Outbox outbox;
    private final ProblemAudit audit;
    private final DirectoryProjection directory;
    private final Clock clock;

    ProblemService(ProblemRepository problems, Outbox outbox, ProblemAudit audit, DirectoryProjection directory, Clock clock) {
        this.problems = problems;
        this.outbox = outbox;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    public record StepDetails(String rootCause, String fix, String symptom, String workaround, String reason, String ownerId) {
        public static final StepDetails NONE = new StepDetails(null, null, null, null, null, null);
    }

    // ---- problems raised by hand ----

    public record NewProblem(String title, String description, String serviceCode, List<UUID> incidentIds) {
    }

    public Uni<Problem> raiseByHand(NewProblem request, Actor actor) {
        ProblemAccess.POLICY.require(actor, ProblemAccess.RAISE, new RecordScope(request.serviceCode(), null, null, null, actor.id()));
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
                .chain(() -> audit.record(problem, raisedBy, "RAISE", ProblemAudit.raised(problem,
                        incidents.stream().map(o -> o.incidentId).toList()), now))
                .replaceWith(problem);
    }


    // ---- steps ----

    public Uni<Problem> get(UUID id) {
        return problems.findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("problem", id));
    }

    /**
     * Takes a step, checking in this order: the actor's role (403), the problem (404), the actor's reach over this
     * problem (403), its state (409), the step's details (422).
     */
    public Uni<Problem> step(UUID id, ProblemStep step, StepDetails details, Actor actor) {
        ProblemAccess action = step.action();
        ProblemAccess.POLICY.require(actor, action);
        return get(id).chain(problem -> {
            ProblemAccess.POLICY.require(actor, action, problem.scope());
            ProblemStatus from = problem.status;
            ProblemStatus to = ProblemLifecycle.next(from, step);
            Instant now = clock.instant();
            if (step == ProblemStep.ASSIGN) {
                return assign(problem, details.ownerId(), actor, now);
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            switch (step) {
                case FIX -> {
                    problem.rootCause = required(details.rootCause(), "rootCause");
                    problem.fix = details.fix();
                    changes.put("rootCause", problem.rootCause);
                    changes.put("fix", problem.fix);
                }
                case RESOLVE -> {
                    problem.rootCause = required(details.rootCause() != null ? details.rootCause() : problem.rootCause, "rootCause");
                    problem.fix = required(details.fix() != null ? details.fix() : problem.fix, "fix");
                    problem.resolvedAt = now;
                    changes.put("rootCause", problem.rootCause);
                    changes.put("fix", problem.fix);
                }
                case CLOSE -> {
                    problem.closeReason = required(details.reason(), "reason");
                    problem.closedAt = now;
                    problem.closedBy = actor.id();
                    changes.put("reason", problem.closeReason);
                }
                default -> {
                }
            }
            if (step == ProblemStep.KNOWN_ERROR) {
                return recordKnownError(problem, details, now)
                        .call(knownError -> audit.record(problem, actor.id(), step.name(),
                                Map.of("symptom", knownError.symptom, "workaround", knownError.workaround), now))
                        .replaceWith(problem);
            }
            problem.status = to;
            problem.updatedAt = now;
            changes.put("status", AuditEntry.change(from, to));
            Causation causation = Causation.rootedAt(problem.id.toString());
            Uni<Void> published = publishStatus(problem, from, actor.id(), causation)
                    .chain(() -> audit.record(problem, actor.id(), step.name(), changes, now));
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

    /**
     * The Problem Manager names the Problem Owner: an active person whose Problem Owner role reaches the problem's
     * service, as this service's copy of the directory knows them.
     */
    private Uni<Problem> assign(Problem problem, String ownerId, Actor actor, Instant now) {
        String owner = required(ownerId, "ownerId");
        UUID personId;
        try {
            personId = UUID.fromString(owner);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.unprocessable("ownerId must be a person id from the directory");
        }
        return directory.person(personId.toString()).chain(person -> {
            boolean eligible = person.filter(p -> p.active() && p.roles() != null && p.roles().stream().anyMatch(r ->
                    RoleCode.PROBLEM_OWNER.name().equals(r.role())
                            && (r.serviceCode() == null || r.serviceCode().equals(problem.serviceCode)))).isPresent();
            if (!eligible) {
                throw ApiProblem.unprocessable("the owner must be an active person holding PROBLEM_OWNER for " + problem.serviceCode);
            }
            String before = problem.ownerId;
            problem.ownerId = owner;
            problem.updatedAt = now;
            return audit.record(problem, actor.id(), ProblemStep.ASSIGN.name(), Map.of("ownerId", AuditEntry.change(before, owner)), now)
                    .replaceWith(problem);
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
            return publishStatus(problem, from, problem.closedBy, causation)
                    .chain(() -> closed(problem, change.changeId(), causation))
                    .chain(() -> audit.record(problem, problem.closedBy, "CLOSE_BY_CHANGE", Map.of(
                            "status", AuditEntry.change(from, ProblemStatus.CLOSED), "changeId", change.changeId().toString(),
                            "reason", problem.closeReason), now));
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
