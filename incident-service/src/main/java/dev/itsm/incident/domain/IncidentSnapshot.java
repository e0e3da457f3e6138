package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * The columns of an incident that the hot paths (alerts in, REST create) read and write, as one value.
 * Immutable: every alert rule returns a new snapshot. {@code persisted} is false for an incident that an alert of
 * the batch being handled opens; it is inserted with its final state.
 */
public record IncidentSnapshot(
        UUID id,
        String number,
        boolean persisted,
        String fingerprint,
        String title,
        String description,
        String serviceCode,
        String signature,
        String alertName,
        String reporterId,
        String assignmentGroup,
        String assigneeId,
        IncidentStatus status,
        Impact impact,
        Urgency urgency,
        Priority priority,
        int alertCount,
        int flapCount,
        AlertStatus alertState,
        Instant lastAlertAt,
        Instant openedAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        String resolution,
        Instant updatedAt) {

    public boolean isOpen() {
        return status == IncidentStatus.NEW || status == IncidentStatus.IN_PROGRESS || status == IncidentStatus.ON_HOLD;
    }

    IncidentSnapshot counted(AlertStatus state, Instant at) {
        return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, status, impact, urgency, priority, alertCount + 1, flapCount, state, at,
                openedAt, acknowledgedAt, resolvedAt, resolution, at);
    }

    IncidentSnapshot alertState(AlertStatus state, Instant at) {
        return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, status, impact, urgency, priority, alertCount, flapCount, state, at,
                openedAt, acknowledgedAt, resolvedAt, resolution, at);
    }

    IncidentSnapshot prioritised(Impact newImpact, Urgency newUrgency, Instant at) {
        return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, status, newImpact, newUrgency, PriorityMatrix.priority(newImpact, newUrgency),
                alertCount, flapCount, alertState, lastAlertAt, openedAt, acknowledgedAt, resolvedAt, resolution, at);
    }

    IncidentSnapshot resolved(String note, Instant at) {
        return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, IncidentStatus.RESOLVED, impact, urgency, priority, alertCount, flapCount,
                AlertStatus.RESOLVED, at, openedAt, acknowledgedAt, at, note, at);
    }

    IncidentSnapshot reopened(Instant at) {
        IncidentStatus back = assigneeId != null || acknowledgedAt != null ? IncidentStatus.IN_PROGRESS : IncidentStatus.NEW;
        return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, back, impact, urgency, priority, alertCount + 1, flapCount + 1,
                AlertStatus.FIRING, at, openedAt, acknowledgedAt, null, null, at);
    }

    IncidentSnapshot acknowledged(Instant at) {
        return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, IncidentStatus.IN_PROGRESS, impact, urgency, priority, alertCount, flapCount,
                AlertStatus.ACKNOWLEDGED, at, openedAt, at, resolvedAt, resolution, at);
    }

    IncidentSnapshot numbered(String newNumber) {
        return new IncidentSnapshot(id, newNumber, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, status, impact, urgency, priority, alertCount, flapCount, alertState,
                lastAlertAt, openedAt, acknowledgedAt, resolvedAt, resolution, updatedAt);
    }

    IncidentSnapshot routedTo(String group) {
        return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                reporterId, group, assigneeId, status, impact, urgency, priority, alertCount, flapCount, alertState,
                lastAlertAt, openedAt, acknowledgedAt, resolvedAt, resolution, updatedAt);
    }
}
