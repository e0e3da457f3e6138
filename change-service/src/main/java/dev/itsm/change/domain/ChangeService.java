package dev.itsm.change.domain;

import dev.itsm.change.config.ChangeConfig;
import dev.itsm.change.repository.ChangeRepository;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.change.ChangeClosed;
import dev.itsm.contracts.change.ChangeDrafted;
import dev.itsm.contracts.change.ChangeEvidence;
import dev.itsm.contracts.change.ChangeImplemented;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.messaging.Failures;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Change use cases, each in the caller's transaction with its events in the outbox. */
@ApplicationScoped
public class ChangeService {
    /** SQLSTATE of an exclusion-constraint violation: the booking overlaps another of the same service. */
    private static final String WINDOW_TAKEN = "23P01";
    public static final Set<String> REVIEW_OUTCOMES = Set.of("SUCCESSFUL", "PARTIAL", "FAILED");

    private final ChangeRepository changes;
    private final DirectoryProjection directory;
    private final Outbox outbox;
    private final ChangeConfig config;
    private final Clock clock;

    ChangeService(ChangeRepository changes, DirectoryProjection directory, Outbox outbox, ChangeConfig config, Clock clock) {
        this.changes = changes;
        this.directory = directory;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public record NewChange(String title, String description, ChangeType type, String serviceCode, String risk,
                            String implementationPlan, String backoutPlan, String ownerId) {
    }

    public record StepDetails(String risk, String notes, String comment, String reason, Instant plannedStart,
                              Instant plannedEnd, String result, String outcome) {
        public static final StepDetails NONE = new StepDetails(null, null, null, null, null, null, null, null);
    }

    /** One draft per resolved problem, owned by the service's owner, carrying the problem's evidence. */
    public Uni<Void> draftFromProblem(ProblemResolved resolved, Causation causation) {
        return changes.find("problemId", resolved.problemId()).firstResult().chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            return directory.service(resolved.serviceCode()).chain(service -> {
                ChangeRequest change = newChange("Fix: " + resolved.title(),
                        "Root cause: " + resolved.rootCause() + "\nFix: " + resolved.fix(), config.draftType(),
                        resolved.serviceCode(), service.map(s -> s.ownerId() != null ? s.ownerId().toString() : null).orElse(null));
                change.problemId = resolved.problemId();
                change.implementationPlan = resolved.fix();
                change.evidence(new ChangeEvidence(resolved.problemId(), resolved.number(), resolved.rootCause(), resolved.fix(),
                        resolved.incidentIds(), resolved.explanation()));
                return create(change, causation).replaceWithVoid();
            });
        });
    }

    public Uni<ChangeRequest> createByHand(NewChange request, Actor actor) {
        ChangeStep.POLICY.require(actor, ChangeStep.SUBMIT);
        ChangeRequest change = newChange(request.title(), request.description(), request.type(), request.serviceCode(),
                request.ownerId() != null ? request.ownerId() : actor.id());
        change.risk = request.risk();
        change.implementationPlan = request.implementationPlan();
        change.backoutPlan = request.backoutPlan();
        return create(change, null);
    }

    public Uni<ChangeRequest> get(UUID id) {
        return changes.findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("change", id));
    }

    public Uni<List<ChangeApproval>> approvals(UUID changeId) {
        return ChangeApproval.list("changeId = ?1 order by decidedAt", changeId);
    }

    public Uni<ChangeRequest> step(UUID id, ChangeStep step, StepDetails details, Actor actor) {
        ChangeStep.POLICY.require(actor, step);
        return get(id).chain(change -> {
            ChangeStatus from = change.status;
            ChangeStatus to = ChangeLifecycle.next(change.type, from, step);
            Instant now = clock.instant();
            Uni<Void> before = Uni.createFrom().voidItem();
            switch (step) {
                case ASSESS -> {
                    change.risk = required(details.risk(), "risk");
                    change.assessment = details.notes();
                }
                case APPROVE, REJECT -> {
                    ChangeStep.requireApprover(actor, change.type, change.ownerId);
                    if (step == ChangeStep.REJECT) {
                        change.closeReason = required(details.reason(), "reason");
                    }
                    before = recordDecision(change, actor, step == ChangeStep.APPROVE ? "APPROVED" : "REJECTED",
                            step == ChangeStep.APPROVE ? details.comment() : details.reason(), now);
                }
                case SCHEDULE -> before = schedule(change, details);
                case IMPLEMENT -> {
                    if (change.window() == null) {
                        throw ApiProblem.conflict("schedule the change before implementing it",
                                java.util.Map.of("status", from.name(), "allowedSteps", List.of("schedule", "cancel")));
                    }
                }
                case COMPLETE -> change.implementationResult = required(details.result(), "result");
                case CLOSE -> {
                    String outcome = required(details.outcome(), "outcome");
                    if (!REVIEW_OUTCOMES.contains(outcome)) {
                        throw ApiProblem.unprocessable("outcome must be one of " + REVIEW_OUTCOMES);
                    }
                    change.reviewOutcome = outcome;
                    change.reviewNotes = details.notes();
                }
                case CANCEL -> change.closeReason = required(details.reason(), "reason");
                default -> {
                }
            }
            return before.chain(() -> {
                change.status = to;
                change.updatedAt = now;
                Causation causation = Causation.rootedAt(change.problemId != null ? change.problemId.toString() : change.id.toString());
                Uni<Void> published = from == to ? Uni.createFrom().voidItem() : publishStatus(change, from, actor.id(), causation);
                if (step == ChangeStep.COMPLETE) {
                    published = published.chain(() -> outbox.publish(EventTypes.CHANGE_IMPLEMENTED, change.id.toString(),
                            new ChangeImplemented(change.id, change.number, change.serviceCode, change.problemId, actor.id(), now),
                            causation)).replaceWithVoid();
                }
                if (step == ChangeStep.CLOSE) {
                    published = published.chain(() -> outbox.publish(EventTypes.CHANGE_CLOSED, change.id.toString(),
                            new ChangeClosed(change.id, change.number, change.problemId, change.reviewOutcome, actor.id(), now),
                            causation)).replaceWithVoid();
                }
                if (step == ChangeStep.SCHEDULE) {
                    published = published.chain(() -> writeBooking(change));
                }
                return published.replaceWith(change);
            });
        });
    }

    /** Only Change Managers declare freeze windows. */
    public Uni<FreezeWindow> addFreeze(Instant startsAt, Instant endsAt, String reason, String serviceCode, Actor actor) {
        if (!actor.hasAny(dev.itsm.contracts.RoleCode.CHANGE_MANAGER)) {
            throw ApiProblem.forbidden("only a Change Manager declares freeze windows",
                    java.util.Map.of("requiredRoles", List.of("CHANGE_MANAGER")));
        }
        ScheduleRules.Window window = new ScheduleRules.Window(startsAt, endsAt);
        FreezeWindow freeze = new FreezeWindow();
        freeze.id = UUID.randomUUID();
        freeze.startsAt = window.start();
        freeze.endsAt = window.end();
        freeze.reason = required(reason, "reason");
        freeze.serviceCode = serviceCode;
        return freeze.persist();
    }

    private Uni<Void> schedule(ChangeRequest change, StepDetails details) {
        ScheduleRules.Window window = new ScheduleRules.Window(details.plannedStart(), details.plannedEnd());
        return changes.bookedOverlapping(change.serviceCode, change.id, window.start(), window.end())
                .chain(booked -> FreezeWindow.<FreezeWindow>list("(serviceCode is null or serviceCode = ?1) and startsAt < ?3 and endsAt > ?2",
                                change.serviceCode, window.start(), window.end())
                        .map(freezes -> {
                            ScheduleRules.check(change.type, window,
                                    booked.stream().map(b -> new ScheduleRules.Booked(b.id, b.number, b.window())).toList(),
                                    freezes.stream().map(f -> new ScheduleRules.Freeze(f.id, f.reason,
                                            new ScheduleRules.Window(f.startsAt, f.endsAt))).toList());
                            change.plannedStart = window.start();
                            change.plannedEnd = window.end();
                            return null;
                        }));
    }

    /**
     * Writes the booking now: a window another request took a moment ago passed the check above, and the database's
     * exclusion constraint refuses it with the same 409 the check gives.
     */
    private Uni<Void> writeBooking(ChangeRequest change) {
        return Panache.getSession().chain(Mutiny.Session::flush)
                .onFailure(failure -> Failures.hasSqlState(failure, WINDOW_TAKEN))
                .transform(failure -> ApiProblem.conflict("the window " + change.plannedStart + " – " + change.plannedEnd
                                + " is not free: another change of " + change.serviceCode + " was booked into it meanwhile",
                        java.util.Map.of("conflictingChanges", List.of(), "freezeWindows", List.of())));
    }

    private Uni<Void> recordDecision(ChangeRequest change, Actor actor, String decision, String comment, Instant now) {
        ChangeApproval approval = new ChangeApproval();
        approval.id = UUID.randomUUID();
        approval.changeId = change.id;
        approval.approverId = actor.id();
        approval.decision = decision;
        approval.comment = comment;
        approval.decidedAt = now;
        return approval.persist().replaceWithVoid();
    }

    private ChangeRequest newChange(String title, String description, ChangeType type, String serviceCode, String ownerId) {
        Instant now = clock.instant();
        ChangeRequest change = new ChangeRequest();
        change.id = UUID.randomUUID();
        change.title = Titles.fit(title);
        change.description = description;
        change.type = type;
        change.status = ChangeStatus.NEW;
        change.serviceCode = serviceCode;
        change.ownerId = ownerId;
        change.createdAt = now;
        change.updatedAt = now;
        return change;
    }

    private Uni<ChangeRequest> create(ChangeRequest change, Causation causation) {
        return changes.nextNumber()
                .invoke(number -> change.number = number)
                .chain(() -> changes.persist(change))
                .chain(() -> outbox.publish(EventTypes.CHANGE_DRAFTED, change.id.toString(), new ChangeDrafted(
                        change.id, change.number, change.type, change.title, change.serviceCode, change.problemId,
                        change.evidence(), change.createdAt), causation != null ? causation : Causation.rootedAt(change.id.toString())))
                .replaceWith(change);
    }

    private Uni<Void> publishStatus(ChangeRequest change, ChangeStatus from, String actorId, Causation causation) {
        return outbox.publish(EventTypes.CHANGE_STATUS_CHANGED, change.id.toString(), new ChangeStatusChanged(
                change.id, change.number, change.type, change.serviceCode, change.problemId, from, change.status,
                change.ownerId, actorId, change.updatedAt), causation).replaceWithVoid();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.unprocessable("this step needs " + field);
        }
        return value.strip();
    }
}
