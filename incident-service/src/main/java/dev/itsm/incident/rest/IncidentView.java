package dev.itsm.incident.rest;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.SlaClock;
import dev.itsm.incident.domain.IncidentLifecycle;
import dev.itsm.incident.domain.IncidentSnapshot;
import dev.itsm.incident.domain.SlaClocks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident as the API shows it: the steps its current state allows, each SLA clock (elapsed, remaining, state),
 * and the change it is linked to when one was implemented on its service shortly before it opened.
 */
public record IncidentView(UUID id, String number, String title, String description, String serviceCode, String category,
                           Impact impact, Urgency urgency, Priority priority, String signature,
                           IncidentStatus status, List<String> allowedSteps, IncidentOrigin origin,
                           String alertFingerprint, String alertName, int alertCount, int flapCount,
                           AlertStatus alertState, Instant lastAlertAt, Instant acknowledgedAt,
                           String assignmentGroup, String assigneeId, int escalationTier, String reporterId, UUID problemId,
                           String holdReason, String resolution, Instant openedAt, Instant updatedAt,
                           Instant resolvedAt, Instant closedAt, List<SlaView> sla, SuspectChangeView suspectedChange,
                           boolean majorIncident, long version) {

    /**
     * One SLA clock at the time of the request.
     *
     * @param remainingSeconds negative once the target has passed
     * @param dueAt            when it reaches (or reached) its target; null while paused
     * @param state            RUNNING, PAUSED, MET, BREACHED or CANCELED
     */
    public record SlaView(SlaClock clock, long targetSeconds, long elapsedSeconds, long remainingSeconds, Instant dueAt,
                          SlaClocks.State state, Instant stoppedAt) {
    }

    /** The change implemented on the service shortly before the incident opened. */
    public record SuspectChangeView(UUID changeId, String number, Instant implementedAt) {
    }

    static IncidentView of(IncidentSnapshot i, Instant now) {
        List<SlaView> sla = SlaClocks.read(i, now).stream().map(r -> new SlaView(r.clock(), r.target().toSeconds(),
                r.elapsed().toSeconds(), r.remaining().toSeconds(), r.dueAt(), r.state(), r.stoppedAt())).toList();
        return new IncidentView(i.id(), i.number(), i.title(), i.description(), i.serviceCode(), i.category(), i.impact(),
                i.urgency(), i.priority(), i.signature(), i.status(), IncidentLifecycle.allowedSteps(i.status(), i.major()),
                i.origin(), i.fingerprint(), i.alertName(), i.alertCount(), i.flapCount(), i.alertState(), i.lastAlertAt(),
                i.acknowledgedAt(), i.assignmentGroup(), i.assigneeId(), i.escalationTier(), i.reporterId(), i.problemId(),
                i.holdReason(), i.resolution(), i.openedAt(), i.updatedAt(), i.resolvedAt(), i.closedAt(), sla,
                i.suspectChange() == null ? null : new SuspectChangeView(i.suspectChange().changeId(), i.suspectChange().number(),
                        i.suspectChange().implementedAt()),
                i.major(), i.version());
    }
}
