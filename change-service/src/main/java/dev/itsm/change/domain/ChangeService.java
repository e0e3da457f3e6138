package dev.itsm.change.domain;

import dev.itsm.change.config.ChangeConfig;
import dev.itsm.change.repository.ChangeRepository;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.change.ChangeClosed;
import dev.itsm.contracts.change.ChangeDrafted;
import dev.itsm.contracts.change.ChangeEvidence;
import dev.itsm.contracts.change.ChangeImplemented;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.contracts.directory.ServiceChanged;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.messaging.Failures;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Change use cases, each in the caller's transaction with its events in the outbox and its entry in the audit
 * trail. Every step checks, in this order: the actor's role (403), the change (404), the actor's reach over this
 * change and segregation of duties (403), its state (409), the step's details (422).
 */
@ApplicationScoped
public class ChangeService {
    /** SQLSTATE of an exclusion-constraint violation: the booking overlaps another of the same service. */
    private static final String WINDOW_TAKEN = "23P01";
    public static final Set<String> REVIEW_OUTCOMES = Set.of("SUCCESSFUL", "PARTIAL", "FAILED");

    private final ChangeRepository changes;
    private final DirectoryProjection directory;
    private final Outbox outbox;
    private final ChangeAudit audit;
    private final ChangeConfig config;
    private final Clock clock;

    ChangeService(ChangeRepository changes, DirectoryProjection directory, Outbox outbox, ChangeAudit audit, ChangeConfig config,
                  Clock clock) {
        this.changes = changes;
        this.directory = directory;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public record NewChange(String title, String description, ChangeType type, String serviceCode, String risk,
                            String implementationPlan, String backoutPlan, String ownerId, UUID templateId) {
    }

    public record StepDetails(String risk, String notes, String comment, String reason, Instant plannedStart,
                              Instant plannedEnd, String result, String outcome, String ownerId, String implementerId) {
        public static final StepDetails NONE = new StepDetails(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * One draft per resolved problem, owned by the service's owner, requested by whoever resolved the problem, and
     * carrying the problem's evidence.
     */
    public Uni<Void> draftFromProblem(ProblemResolved resolved, Causation causation) {
        return changes.find("problemId", resolved.problemId()).firstResult().chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            return directory.service(resolved.serviceCode()).chain(service -> {
                ChangeRequest change = newChange("Fix: " + resolved.title(),
                        "Root cause: " + resolved.rootCause() + "\nFix: " + resolved.fix(), config.draftType(),
                        resolved.serviceCode(), service.map(s -> s.ownerId() != null ? s.ownerId().toString() : null).orElse(null));
                change.requesterId = resolved.resolvedBy();
                change.problemId = resolved.problemId();
                change.implementationPlan = resolved.fix();
                change.evidence(new ChangeEvidence(resolved.problemId(), resolved.number(), resolved.rootCause(), resolved.fix(),
                        resolved.incidentIds(), resolved.explanation()));
                return create(change, causation, "change-service").replaceWithVoid();
            });
        });
    }

    /**
     * Raises a change. The requester and, unless a Change Manager names another, the owner are the caller; the risk
     * is the Change Manager's to set. A STANDARD change comes only from an active template of the catalogue, whose
     * plans and risk it takes.
     */
    public Uni<ChangeRequest> createByHand(NewChange request, Actor actor) {
        ChangeAccess.POLICY.require(actor, ChangeAccess.CREATE, RecordScope.ofService(request.serviceCode()));
        boolean manager = actor.holdsFor(RoleCode.CHANGE_MANAGER, request.serviceCode());
        if (request.ownerId() != null && !request.ownerId().equals(actor.id()) && !manager) {
            throw new ApiProblem(403, "forbidden-field", "You may not set this field", "only a Change Manager assigns a change to another owner",
                    Map.of("level", "property", "field", "ownerId"));
        }
        if (request.risk() != null && !manager) {
            throw new ApiProblem(403, "forbidden-field", "You may not set this field", "the risk is set when a Change Manager assesses the change",
                    Map.of("level", "property", "field", "risk"));
        }
        ChangeType type = request.templateId() != null && request.type() == null ? ChangeType.STANDARD : request.type();
        if (type == null) {
            throw ApiProblem.unprocessable("a change needs a type (NORMAL, EMERGENCY, or STANDARD with a templateId)");
        }
        if (type == ChangeType.STANDARD && request.templateId() == null) {
            throw ApiProblem.unprocessable("a STANDARD change comes from a pre-approved template: name its templateId (GET /api/change-templates)");
        }
        if (type != ChangeType.STANDARD && request.templateId() != null) {
            throw ApiProblem.unprocessable("a change from a template is STANDARD");
        }
        Uni<ChangeTemplate> template = request.templateId() == null ? Uni.createFrom().nullItem()
                : ChangeTemplate.<ChangeTemplate>findById(request.templateId()).map(found -> {
                    if (found == null || !found.active) {
                        throw ApiProblem.unprocessable("no active standard-change template " + request.templateId());
                    }
                    if (!found.appliesTo(request.serviceCode())) {
                        throw ApiProblem.unprocessable("template " + found.name + " is for service " + found.serviceCode);
                    }
                    return found;
                });
        Uni<Void> owner = request.ownerId() != null && !request.ownerId().equals(actor.id()) ? requireActivePerson(request.ownerId(), "owner")
                : Uni.createFrom().voidItem();
        return owner.chain(() -> template).chain(found -> {
            ChangeRequest change = newChange(request.title(), request.description(), type, request.serviceCode(),
                    request.ownerId() != null ? request.ownerId() : actor.id());
            change.requesterId = actor.id();
            change.risk = request.risk() != null ? ApprovalRules.normaliseRisk(request.risk()) : null;
            change.implementationPlan = request.implementationPlan();
            change.backoutPlan = request.backoutPlan();
            if (found != null) {
                change.templateId = found.id;
                change.risk = found.risk;
                change.implementationPlan = found.implementationPlan;
                change.backoutPlan = found.backoutPlan;
            }
            return create(change, null, actor.id());
        });
    }

    public Uni<ChangeRequest> get(UUID id) {
        return changes.findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("change", id));
    }

    public Uni<List<ChangeApproval>> approvals(UUID changeId) {
        return ChangeApproval.list("changeId = ?1 order by decidedAt", changeId);
    }

    public Uni<ChangeRequest> step(UUID id, ChangeStep step, StepDetails details, Actor actor) {
        ChangeAccess action = step.action();
        ChangeAccess.POLICY.require(actor, action);
        return get(id).chain(change -> {
            ChangeAccess.POLICY.require(actor, action, change.scope());
            if (step == ChangeStep.APPROVE || step == ChangeStep.REJECT) {
                ApprovalRules.requireIndependent(actor, new ApprovalRules.Parties(change.requesterId, change.ownerId, change.implementerId));
            }
            ChangeStatus from = change.status;
            ChangeStatus to = ChangeLifecycle.next(change.type, from, step);
            Instant now = clock.instant();
            Map<String, Object> audited = new LinkedHashMap<>();
            Uni<ChangeStatus> before = Uni.createFrom().item(to);
            switch (step) {
                case ASSIGN -> before = assign(change, details, audited).replaceWith(to);
                case ASSESS -> {
                    change.risk = ApprovalRules.normaliseRisk(required(details.risk(), "risk"));
                    change.assessment = details.notes();
                    audited.put("risk", change.risk);
                }
                case APPROVE, REJECT -> {
                    if (step == ChangeStep.REJECT) {
                        required(details.reason(), "reason");
                    }
                    before = decide(change, actor, step == ChangeStep.APPROVE, details, now, audited);
                }
                case SCHEDULE -> before = schedule(change, details).invoke(() -> {
                    audited.put("plannedStart", change.plannedStart);
                    audited.put("plannedEnd", change.plannedEnd);
                }).replaceWith(to);
                case IMPLEMENT -> {
                    if (change.window() == null) {
                        throw ApiProblem.conflict("schedule the change before implementing it",
                                Map.of("currentStatus", from.name(), "allowedSteps", List.of("schedule", "cancel")));
                    }
                    before = requireNotAnApprover(change, actor).invoke(() -> {
                        if (change.implementerId == null) {
                            change.implementerId = actor.id();
                            audited.put("implementerId", actor.id());
                        }
                    }).replaceWith(to);
                }
                case COMPLETE -> {
                    change.implementationResult = required(details.result(), "result");
                    audited.put("result", change.implementationResult);
                }
                case CLOSE -> {
                    String outcome = required(details.outcome(), "outcome");
                    if (!REVIEW_OUTCOMES.contains(outcome)) {
                        throw ApiProblem.unprocessable("outcome must be one of " + REVIEW_OUTCOMES);
                    }
                    change.reviewOutcome = outcome;
                    change.reviewNotes = details.notes();
                    audited.put("outcome", outcome);
                }
                case CANCEL -> {
                    change.closeReason = required(details.reason(), "reason");
                    audited.put("reason", change.closeReason);
                }
                default -> {
                }
            }
            return before.chain(next -> {
                change.status = next;
                change.updatedAt = now;
                if (from != next) {
                    audited.put("status", AuditEntry.change(from, next));
                }
                Causation causation = Causation.rootedAt(change.problemId != null ? change.problemId.toString() : change.id.toString());
                Uni<Void> published = from == next ? Uni.createFrom().voidItem() : publishStatus(change, from, actor.id(), causation);
                published = published.chain(() -> audit.record(ChangeAudit.CHANGE, change.id, actor.id(), step.name(), audited, now));
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

    /** The Change Manager names the owner and/or the implementer: active people in the directory. */
    private Uni<Void> assign(ChangeRequest change, StepDetails details, Map<String, Object> audited) {
        if (details.ownerId() == null && details.implementerId() == null) {
            throw ApiProblem.unprocessable("this step needs ownerId and/or implementerId");
        }
        Uni<Void> checks = Uni.createFrom().voidItem();
        if (details.ownerId() != null) {
            checks = checks.chain(() -> requireActivePerson(details.ownerId(), "owner"));
        }
        if (details.implementerId() != null) {
            checks = checks.chain(() -> requireActivePerson(details.implementerId(), "implementer"));
        }
        return checks.chain(() -> approvals(change.id)).invoke(decisions -> {
            String implementer = details.implementerId();
            if (implementer != null && decisions.stream().anyMatch(d -> implementer.equals(d.approverId))) {
                throw new ApiProblem(403, "segregation-of-duties", "You may not assign this person",
                        "whoever decided on a change never implements it", Map.of("level", "record", "rule", "segregation of duties"));
            }
            if (details.ownerId() != null) {
                audited.put("ownerId", AuditEntry.change(change.ownerId, details.ownerId()));
                change.ownerId = details.ownerId();
            }
            if (implementer != null) {
                audited.put("implementerId", AuditEntry.change(change.implementerId, implementer));
                change.implementerId = implementer;
            }
        }).replaceWithVoid();
    }

    /**
     * Records one decision and returns where the change goes: SCHEDULED once a quorum of its board (and, at high
     * risk, its Business Owner) approved, REJECTED at the first rejection, else it stays in AUTHORIZE.
     */
    private Uni<ChangeStatus> decide(ChangeRequest change, Actor actor, boolean approve, StepDetails details, Instant now,
                                     Map<String, Object> audited) {
        boolean needsBusinessOwner = ApprovalRules.needsBusinessOwner(change.risk);
        return directory.service(change.serviceCode).chain(service -> approvals(change.id).chain(prior -> {
            List<ApprovalRules.Decision> decisions = prior.stream().map(ChangeService::decision).toList();
            String businessOwnerId = service.map(ServiceChanged::businessOwnerId).map(UUID::toString).orElse(null);
            ApprovalRules.Capacity capacity = ApprovalRules.capacity(actor, change.type, change.serviceCode,
                    new ApprovalRules.Parties(change.requesterId, change.ownerId, change.implementerId), businessOwnerId,
                    needsBusinessOwner, decisions);
            ChangeApproval approval = new ChangeApproval();
            approval.id = UUID.randomUUID();
            approval.changeId = change.id;
            approval.approverId = actor.id();
            approval.decision = approve ? "APPROVED" : "REJECTED";
            approval.comment = approve ? details.comment() : details.reason();
            approval.decidedAt = now;
            approval.asBoard = capacity.board();
            approval.asBusinessOwner = capacity.businessOwner();
            if (!approve) {
                change.closeReason = details.reason();
            }
            List<ApprovalRules.Decision> after = new java.util.ArrayList<>(decisions);
            after.add(decision(approval));
            ApprovalRules.Outcome outcome = ApprovalRules.outcome(quorum(change.type), needsBusinessOwner, after);
            audited.put("decision", approval.decision);
            audited.put("asBoard", capacity.board());
            audited.put("asBusinessOwner", capacity.businessOwner());
            audited.put("comment", approval.comment);
            return approval.persist().replaceWith(switch (outcome) {
                case APPROVED -> ChangeStatus.SCHEDULED;
                case REJECTED -> ChangeStatus.REJECTED;
                case PENDING -> ChangeStatus.AUTHORIZE;
            });
        }));
    }

    /** Whoever decided on a change never implements it. */
    private Uni<Void> requireNotAnApprover(ChangeRequest change, Actor actor) {
        return approvals(change.id).invoke(decisions -> {
            if (decisions.stream().anyMatch(d -> actor.is(d.approverId))) {
                throw new ApiProblem(403, "segregation-of-duties", "You may not implement this change",
                        "whoever decided on a change never implements it", Map.of("level", "record", "rule", "segregation of duties"));
            }
        }).replaceWithVoid();
    }

    private int quorum(ChangeType type) {
        return type == ChangeType.EMERGENCY ? config.ecabQuorum() : config.cabQuorum();
    }

    private static ApprovalRules.Decision decision(ChangeApproval a) {
        return new ApprovalRules.Decision(a.approverId, "APPROVED".equals(a.decision), a.asBoard, a.asBusinessOwner);
    }

    /** Only Change Managers declare freeze windows. */
    public Uni<FreezeWindow> addFreeze(Instant startsAt, Instant endsAt, String reason, String serviceCode, Actor actor) {
        ChangeAccess.POLICY.require(actor, ChangeAccess.MANAGE_FREEZE_WINDOWS, RecordScope.ofService(serviceCode));
        ScheduleRules.Window window = new ScheduleRules.Window(startsAt, endsAt);
        FreezeWindow freeze = new FreezeWindow();
        freeze.id = UUID.randomUUID();
        freeze.startsAt = window.start();
        freeze.endsAt = window.end();
        freeze.reason = required(reason, "reason");
        freeze.serviceCode = serviceCode;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("startsAt", startsAt);
        fields.put("endsAt", endsAt);
        fields.put("reason", freeze.reason);
        fields.put("serviceCode", serviceCode);
        return freeze.<FreezeWindow>persist()
                .call(saved -> audit.record(ChangeAudit.FREEZE_WINDOW, saved.id, actor.id(), "CREATE", fields, clock.instant()));
    }

    // ---- the catalogue of pre-approved standard changes ----

    public record NewTemplate(String name, String description, String serviceCode, String risk, String implementationPlan,
                              String backoutPlan) {
    }

    public Uni<ChangeTemplate> addTemplate(NewTemplate request, Actor actor) {
        ChangeAccess.POLICY.require(actor, ChangeAccess.MANAGE_TEMPLATES, RecordScope.ofService(request.serviceCode()));
        String risk = ApprovalRules.normaliseRisk(request.risk());
        if ("HIGH".equals(risk)) {
            throw ApiProblem.unprocessable("a high-risk change is never pre-approved: raise it as a NORMAL change");
        }
        Instant now = clock.instant();
        ChangeTemplate template = new ChangeTemplate();
        template.id = UUID.randomUUID();
        template.name = Titles.fit(request.name());
        template.description = request.description();
        template.serviceCode = request.serviceCode();
        template.risk = risk;
        template.implementationPlan = required(request.implementationPlan(), "implementationPlan");
        template.backoutPlan = required(request.backoutPlan(), "backoutPlan");
        template.active = true;
        template.createdBy = actor.id();
        template.createdAt = now;
        template.updatedAt = now;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", template.name);
        fields.put("serviceCode", template.serviceCode);
        fields.put("risk", risk);
        fields.put("implementationPlan", template.implementationPlan);
        fields.put("backoutPlan", template.backoutPlan);
        return template.<ChangeTemplate>persist()
                .call(saved -> audit.record(ChangeAudit.TEMPLATE, saved.id, actor.id(), "CREATE", fields, now));
    }

    /** A retired template raises no new standard change; changes already raised from it keep it. */
    public Uni<ChangeTemplate> retireTemplate(UUID id, Actor actor) {
        ChangeAccess.POLICY.require(actor, ChangeAccess.MANAGE_TEMPLATES);
        return ChangeTemplate.<ChangeTemplate>findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("change template", id))
                .chain(template -> {
                    ChangeAccess.POLICY.require(actor, ChangeAccess.MANAGE_TEMPLATES, RecordScope.ofService(template.serviceCode));
                    if (!template.active) {
                        throw ApiProblem.conflict("the template is retired already", Map.of("active", false));
                    }
                    template.active = false;
                    template.updatedAt = clock.instant();
                    return audit.record(ChangeAudit.TEMPLATE, template.id, actor.id(), "RETIRE",
                            Map.of("active", AuditEntry.change(true, false)), template.updatedAt).replaceWith(template);
                });
    }

    private Uni<Void> requireActivePerson(String personId, String what) {
        return directory.person(personId).map(person -> {
            if (person.isEmpty() || !person.get().active()) {
                throw ApiProblem.unprocessable("the " + what + " must be an active person of the directory: " + personId);
            }
            return null;
        }).replaceWithVoid();
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

    private Uni<ChangeRequest> create(ChangeRequest change, Causation causation, String actorId) {
        return changes.nextNumber()
                .invoke(number -> change.number = number)
                .chain(() -> changes.persist(change))
                .chain(() -> outbox.publish(EventTypes.CHANGE_DRAFTED, change.id.toString(), new ChangeDrafted(
                        change.id, change.number, change.type, change.title, change.serviceCode, change.problemId,
                        change.evidence(), change.createdAt), causation != null ? causation : Causation.rootedAt(change.id.toString())))
                .chain(() -> audit.record(ChangeAudit.CHANGE, change.id, actorId, "CREATE", created(change), change.createdAt))
                .replaceWith(change);
    }

    private static Map<String, Object> created(ChangeRequest c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("number", c.number);
        fields.put("title", c.title);
        fields.put("type", c.type);
        fields.put("status", c.status);
        fields.put("serviceCode", c.serviceCode);
        fields.put("requesterId", c.requesterId);
        fields.put("ownerId", c.ownerId);
        fields.put("risk", c.risk);
        fields.put("templateId", c.templateId != null ? c.templateId.toString() : null);
        fields.put("problemId", c.problemId != null ? c.problemId.toString() : null);
        return fields;
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
