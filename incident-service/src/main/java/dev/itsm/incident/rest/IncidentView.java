package dev.itsm.incident.rest;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.incident.domain.Incident;
import dev.itsm.incident.domain.IncidentLifecycle;
import dev.itsm.incident.domain.IncidentSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as the API shows it, with the steps its current state allows. */
public record IncidentView(UUID id, String number, String title, String description, String serviceCode,
                           Impact impact, Urgency urgency, Priority priority, String signature,
                           IncidentStatus status, List<String> allowedSteps, IncidentOrigin origin,
                           String alertFingerprint, String alertName, int alertCount, int flapCount,
                           AlertStatus alertState, Instant lastAlertAt, Instant acknowledgedAt,
                           String assignmentGroup, String assigneeId, String reporterId, UUID problemId,
                           String holdReason, String resolution, Instant openedAt, Instant updatedAt,
                           Instant resolvedAt, Instant closedAt, long version) {

    static IncidentView of(Incident i) {
        return new IncidentView(i.id, i.number, i.title, i.description, i.serviceCode, i.impact, i.urgency, i.priority,
                i.signature, i.status, IncidentLifecycle.allowedSteps(i.status), i.origin, i.alertFingerprint,
                i.alertName, i.alertCount, i.flapCount, i.alertState, i.lastAlertAt, i.acknowledgedAt, i.assignmentGroup, i.assigneeId, i.reporterId, i.problemId,
                i.holdReason, i.resolution, i.openedAt, i.updatedAt, i.resolvedAt, i.closedAt, i.version);
    }

    /** A just-created incident, from the columns the create path wrote. */
    static IncidentView of(IncidentSnapshot i, IncidentOrigin origin) {
        return new IncidentView(i.id(), i.number(), i.title(), i.description(), i.serviceCode(), i.impact(), i.urgency(),
                i.priority(), i.signature(), i.status(), IncidentLifecycle.allowedSteps(i.status()), origin, i.fingerprint(),
                i.alertName(), i.alertCount(), i.flapCount(), i.alertState(), i.lastAlertAt(), i.acknowledgedAt(), i.assignmentGroup(), i.assigneeId(), i.reporterId(), null, null,
                i.resolution(), i.openedAt(), i.updatedAt(), i.resolvedAt(), null, 0);
    }
}
