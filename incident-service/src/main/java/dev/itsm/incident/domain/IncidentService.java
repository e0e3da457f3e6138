package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.directory.ServiceChanged;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentProblemLinked;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.repository.IncidentRepository;
import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs every incident use case in the caller's transaction: load, check the actor's role, apply the rule,
 * and record the event in the outbox next to the change.
 */
@ApplicationScoped
public class IncidentService {
    private final IncidentRepository incidents;
    private final DirectoryProjection directory;
    private final Outbox outbox;
    private final IncidentAudit audit;
    private final IncidentConfig config;
    private final Clock clock;

    IncidentService(IncidentRepository incidents, DirectoryProjection directory, Outbox outbox, IncidentAudit audit,
                    IncidentConfig config, Clock clock) {
        this.incidents = incidents;
        this.directory = directory;
        this.outbox = outbox;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Reports an incident for the caller. Only those who record calls for others (the Service Desk, the Incident
     * Manager, incident-source integrations) may name another person as the reporter.
     */
    public Uni<Incident> report(NewIncident request, Actor actor) {
        IncidentAccess.POLICY.require(actor, IncidentAccess.CREATE, dev.itsm.kit.security.RecordScope.ofService(request.serviceCode()));
        if (request.reporterId() != null && !request.reporterId().equals(actor.id())
                && IncidentAccess.RECORD_FOR_OTHERS.stream().noneMatch(role -> actor.holdsFor(role, request.serviceCode()))) {
            throw new ApiProblem(403, "forbidden-field", "You may not set this field",
                    "only the Service Desk, the Incident Manager and incident sources report on behalf of someone else",
                    Map.of("level", "property", "field", "reporterId"));
        }
        IncidentOrigin origin = actor.hasAny(RoleCode.INCIDENT_SOURCE) ? IncidentOrigin.INTEGRATION : IncidentOrigin.MANUAL;
        Incident incident = newIncident(request.title(), request.description(), request.serviceCode(),
                AlertSeverity.of(null, Map.of("impact", request.impact().name(), "urgency", request.urgency().name())),
                SymptomSignature.of(request.symptom() != null && !request.symptom().isBlank() ? request.symptom() : request.title()),
                origin, request.reporterId() != null ? request.reporterId() : actor.id());
        return open(incident, null).call(opened -> audit.record(opened, actor.id(), "REPORT", IncidentAudit.opened(opened),
                opened.openedAt));
    }

    public Uni<Incident> get(UUID id) {
        return incidents.findById(id).onItem().ifNull().failWith(() -> ApiProblem.notFound("incident", id));
    }

    /**
     * Takes a step, checking in this order: the actor's role (403), the incident (404), the actor's reach over this
     * incident — its group, its assignee, its reporter, its service (403) — its state (409), the step's details (422).
     */
    public Uni<Incident> step(UUID id, IncidentStep step, Incident.StepDetails details, Actor actor) {
        IncidentAccess action = IncidentAccess.of(step);
        IncidentAccess.POLICY.require(actor, action);
        return get(id).chain(incident -> {
            IncidentAccess.POLICY.require(actor, action, incident.scope());
            Instant now = clock.instant();
            String assigneeBefore = incident.assigneeId;
            String groupBefore = incident.assignmentGroup;
            if (step == IncidentStep.REOPEN && incident.resolvedAt != null
                    && incident.resolvedAt.plus(config.reopenWindow()).isBefore(now)) {
                throw ApiProblem.conflict("the reopen window of " + config.reopenWindow() + " has passed; report a new incident",
                        Map.of("status", incident.status.name(), "resolvedAt", incident.resolvedAt.toString()));
            }
            IncidentStatus from = incident.apply(step, actor.id(), details, now);
            if (step == IncidentStep.HAND_BACK) {
                incident.assignmentGroup = config.defaultAssignmentGroup();
            }
            String reason = step == IncidentStep.RESOLVE ? incident.resolution : details.reason();
            Map<String, Object> changes = new java.util.LinkedHashMap<>();
            changes.put("status", dev.itsm.kit.audit.AuditEntry.change(from, incident.status));
            if (!java.util.Objects.equals(assigneeBefore, incident.assigneeId)) {
                changes.put("assigneeId", dev.itsm.kit.audit.AuditEntry.change(assigneeBefore, incident.assigneeId));
            }
            if (!java.util.Objects.equals(groupBefore, incident.assignmentGroup)) {
                changes.put("assignmentGroup", dev.itsm.kit.audit.AuditEntry.change(groupBefore, incident.assignmentGroup));
            }
            changes.put("reason", reason);
            return publishStatus(incident, from, actor.id(), reason, Causation.rootedAt(incident.id.toString()))
                    .chain(() -> audit.record(incident, actor.id(), step.name(), changes, now))
                    .replaceWith(incident);
        });
    }

    /** One alert: a firing alert opens or updates the open incident of its fingerprint; a resolved one resolves it. */
    public Uni<AlertOutcome> ingest(AlertSignal alert, Causation causation) {
        return incidents.findOpenByFingerprint(alert.fingerprint()).chain(open -> {
            Instant now = clock.instant();
            if (alert.status() == AlertStatus.FIRING) {
                if (open != null) {
                    open.alertCount++;
                    open.lastAlertAt = now;
                    open.updatedAt = now;
                    return Uni.createFrom().item(outcome(alert, AlertOutcome.Action.UPDATED, open));
                }
                Incident incident = newIncident(alert.summary(), alert.description(), alert.serviceCode(),
                        AlertSeverity.of(alert.severity(), alert.labels()), SymptomSignature.of(alert.alertName()),
                        IncidentOrigin.ALERT, alert.source() != null ? alert.source() : "alert");
                incident.alertFingerprint = alert.fingerprint();
                incident.alertName = alert.alertName();
                incident.alertCount = 1;
                incident.lastAlertAt = now;
                if (alert.startsAt() != null && alert.startsAt().isBefore(now)) {
                    // The disruption began when the alert started, not when it reached us.
                    incident.openedAt = alert.startsAt();
                }
                return open(incident, causation).map(created -> outcome(alert, AlertOutcome.Action.OPENED, created));
            }
            if (open == null) {
                return Uni.createFrom().item(new AlertOutcome(alert.fingerprint(), AlertOutcome.Action.IGNORED, null, null));
            }
            String actor = alert.source() != null ? alert.source() : "alert";
            String note = "alert " + alert.alertName() + " resolved" + (alert.endsAt() != null ? " at " + alert.endsAt() : "");
            IncidentStatus from = open.apply(IncidentStep.RESOLVE, actor, new Incident.StepDetails(null, note), now);
            return publishStatus(open, from, actor, note, causation)
                    .replaceWith(outcome(alert, AlertOutcome.Action.RESOLVED, open));
        });
    }

    /** Records that problem-service tied these incidents to a problem; an existing identical link is kept as is. */
    public Uni<Void> linkProblem(UUID problemId, List<UUID> incidentIds, Causation causation) {
        if (incidentIds == null || incidentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return incidents.findByIds(incidentIds).chain(found -> Multi.createFrom().iterable(found)
                .filter(incident -> !problemId.equals(incident.problemId))
                .onItem().transformToUniAndConcatenate(incident -> {
                    UUID before = incident.problemId;
                    incident.problemId = problemId;
                    incident.updatedAt = clock.instant();
                    return outbox.publish(EventTypes.INCIDENT_PROBLEM_LINKED, incident.id.toString(),
                                    new IncidentProblemLinked(incident.id, problemId, incident.updatedAt), causation)
                            .chain(() -> audit.record(incident, "problem-service", "LINK_PROBLEM", Map.of("problemId",
                                    dev.itsm.kit.audit.AuditEntry.change(before != null ? before.toString() : null, problemId.toString())),
                                    incident.updatedAt));
                })
                .collect().asList()
                .replaceWithVoid());
    }

    private Incident newIncident(String title, String description, String serviceCode, AlertSeverity severity,
                                 String signature, IncidentOrigin origin, String reporterId) {
        Instant now = clock.instant();
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.title = Titles.fit(title);
        incident.description = description;
        incident.serviceCode = serviceCode;
        incident.impact = severity.impact();
        incident.urgency = severity.urgency();
        incident.priority = PriorityMatrix.priority(severity.impact(), severity.urgency());
        incident.signature = signature;
        incident.status = IncidentStatus.NEW;
        incident.origin = origin;
        incident.reporterId = reporterId;
        incident.openedAt = now;
        incident.updatedAt = now;
        return incident;
    }

    private Uni<Incident> open(Incident incident, Causation causation) {
        return incidents.nextNumber()
                .invoke(number -> incident.number = number)
                .chain(() -> assignmentGroupFor(incident.serviceCode))
                .invoke(group -> incident.assignmentGroup = group)
                .chain(() -> incidents.persist(incident))
                .chain(() -> outbox.publish(EventTypes.INCIDENT_OPENED, incident.id.toString(), new IncidentOpened(
                        incident.id, incident.number, incident.title, incident.serviceCode, incident.impact,
                        incident.urgency, incident.priority, incident.signature, incident.origin,
                        incident.alertFingerprint, incident.assignmentGroup, incident.reporterId, incident.openedAt),
                        causation != null ? causation : Causation.rootedAt(incident.id.toString())))
                .replaceWith(incident);
    }

    /** Tier 1 of the service as the directory names it; the Service Desk otherwise. */
    private Uni<String> assignmentGroupFor(String serviceCode) {
        return directory.service(serviceCode).map(service -> service.map(ServiceChanged::tier1Group)
                .filter(group -> !group.isBlank())
                .orElse(config.defaultAssignmentGroup()));
    }

    private Uni<Void> publishStatus(Incident incident, IncidentStatus from, String actorId, String reason, Causation causation) {
        return outbox.publish(EventTypes.INCIDENT_STATUS_CHANGED, incident.id.toString(), new IncidentStatusChanged(
                        incident.id, incident.number, incident.serviceCode, incident.signature, incident.priority,
                        from, incident.status, actorId, reason, incident.updatedAt), causation)
                .replaceWithVoid();
    }

    private static AlertOutcome outcome(AlertSignal alert, AlertOutcome.Action action, Incident incident) {
        return new AlertOutcome(alert.fingerprint(), action, incident.id, incident.number);
    }
}
