package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentProblemLinked;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.repository.IncidentRepository;
import dev.itsm.incident.repository.IncidentRows;
import io.vertx.mutiny.sqlclient.SqlConnection;
import dev.itsm.contracts.Priority;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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
    private final IncidentRows rows;
    private final Outbox outbox;
    private final IncidentAudit audit;
    private final IncidentConfig config;
    private final Clock clock;

    IncidentService(IncidentRepository incidents, IncidentRows rows, Outbox outbox, IncidentAudit audit, IncidentConfig config,
                    Clock clock) {
        this.audit = audit;
        this.incidents = incidents;
        this.rows = rows;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Opens a reported incident on the caller's SQL-client transaction, with as few statements as the work
     * needs: the service's Tier 1 group from the directory copy, the incident, its event.
     */
    public record Reported(IncidentSnapshot incident, IncidentOrigin origin) {
    }

    public Uni<Reported> report(SqlConnection tx, NewIncident request, Actor actor) {
        IncidentAccess.POLICY.require(actor, IncidentAccess.CREATE, RecordScope.ofService(request.serviceCode()));
        // Only those who record calls for others (the Service Desk, the Incident Manager, incident sources) name
        // another person as the reporter.
        if (request.reporterId() != null && !request.reporterId().equals(actor.id())
                && IncidentAccess.RECORD_FOR_OTHERS.stream().noneMatch(role -> actor.holdsFor(role, request.serviceCode()))) {
            throw new ApiProblem(403, "forbidden-field", "You may not set this field",
                    "only the Service Desk, the Incident Manager and incident sources report on behalf of someone else",
                    Map.of("level", "property", "field", "reporterId"));
        }
        IncidentOrigin origin = actor.hasAny(RoleCode.INCIDENT_SOURCE) ? IncidentOrigin.INTEGRATION : IncidentOrigin.MANUAL;
        Instant now = clock.instant();
        Priority priority = PriorityMatrix.priority(request.impact(), request.urgency());
        String reporter = request.reporterId() != null ? request.reporterId() : actor.id();
        IncidentSnapshot draft = new IncidentSnapshot(UUID.randomUUID(), null, false, null, Titles.fit(request.title()),
                request.description(), request.serviceCode(),
                SymptomSignature.of(request.symptom() != null && !request.symptom().isBlank() ? request.symptom() : request.title()),
                null, reporter, null, null, IncidentStatus.NEW, request.impact(), request.urgency(), priority, 0, 0, null, null,
                now, null, null, null, now);
        return rows.tier1Groups(tx, List.of(request.serviceCode()))
                .map(groups -> draft.routedTo(groups.getOrDefault(request.serviceCode(), config.defaultAssignmentGroup())))
                .chain(routed -> rows.insert(tx, List.of(routed), origin).map(numbers -> routed.numbered(numbers.get(routed.id()))))
                .call(incident -> outbox.publishAll(tx, List.of(outbox.pending(EventTypes.INCIDENT_OPENED, incident.id().toString(),
                        new IncidentOpened(incident.id(), incident.number(), incident.title(), incident.serviceCode(), incident.impact(),
                                incident.urgency(), incident.priority(), incident.signature(), origin, null,
                                incident.assignmentGroup(), incident.reporterId(), incident.openedAt()),
                        Causation.rootedAt(incident.id().toString())))))
                .call(incident -> audit.recordAll(tx, List.of(new AuditEntry(IncidentAudit.INCIDENT, incident.id().toString(),
                        actor.id(), "REPORT", IncidentAudit.opened(incident, origin), incident.openedAt()))))
                .map(incident -> new Reported(incident, origin));
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
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("status", AuditEntry.change(from, incident.status));
            if (!java.util.Objects.equals(assigneeBefore, incident.assigneeId)) {
                changes.put("assigneeId", AuditEntry.change(assigneeBefore, incident.assigneeId));
            }
            if (!java.util.Objects.equals(groupBefore, incident.assignmentGroup)) {
                changes.put("assignmentGroup", AuditEntry.change(groupBefore, incident.assignmentGroup));
            }
            changes.put("reason", reason);
            return publishStatus(incident, from, actor.id(), reason, Causation.rootedAt(incident.id.toString()))
                    .chain(() -> audit.record(incident, actor.id(), step.name(), changes, now))
                    .replaceWith(incident);
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
                                    AuditEntry.change(before != null ? before.toString() : null, problemId.toString())),
                                    incident.updatedAt));
                })
                .collect().asList()
                .replaceWithVoid());
    }




    private Uni<Void> publishStatus(Incident incident, IncidentStatus from, String actorId, String reason, Causation causation) {
        return outbox.publish(EventTypes.INCIDENT_STATUS_CHANGED, incident.id.toString(), new IncidentStatusChanged(
                        incident.id, incident.number, incident.serviceCode, incident.signature, incident.priority,
                        from, incident.status, actorId, reason, incident.updatedAt, incident.reporterId,
                        incident.assignmentGroup, incident.assigneeId), causation)
                .replaceWithVoid();
    }

}
