package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An incident as one value: what every write path (alerts in, REST create and steps, SLA timers) reads under a row
 * lock, decides on with plain rules, and writes back. Immutable: every rule returns a new snapshot. {@code persisted}
 * is false for an incident that the work being done opens; it is inserted with its final state. {@code problemId}
 * and {@code version} are read only here: problem links are written by their own path.
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
        Instant updatedAt,
        IncidentOrigin origin,
        String category,
        String holdReason,
        Instant closedAt,
        int escalationTier,
        SlaTiming sla,
        SuspectChange suspectChange,
        boolean major,
        UUID problemId,
        long version) {

    public IncidentSnapshot {
        sla = sla == null ? SlaTiming.NONE : sla;
        escalationTier = escalationTier < 1 ? 1 : escalationTier;
    }

    /** The columns the alert path has always carried; everything else takes its opening value. */
    public IncidentSnapshot(UUID id, String number, boolean persisted, String fingerprint, String title, String description,
                            String serviceCode, String signature, String alertName, String reporterId, String assignmentGroup,
                            String assigneeId, IncidentStatus status, Impact impact, Urgency urgency, Priority priority,
                            int alertCount, int flapCount, AlertStatus alertState, Instant lastAlertAt, Instant openedAt,
                            Instant acknowledgedAt, Instant resolvedAt, String resolution, Instant updatedAt) {
        this(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName, reporterId,
                assignmentGroup, assigneeId, status, impact, urgency, priority, alertCount, flapCount, alertState, lastAlertAt,
                openedAt, acknowledgedAt, resolvedAt, resolution, updatedAt, null, null, null, null, 1, SlaTiming.NONE, null,
                false, null, 0);
    }

    public boolean isOpen() {
        return status == IncidentStatus.NEW || status == IncidentStatus.IN_PROGRESS || status == IncidentStatus.ON_HOLD;
    }

    /** Whether someone has owned it: accepted it, or acknowledged its alert. */
    public boolean owned() {
        return acknowledgedAt != null;
    }

    // ---- what alerts do ----

    IncidentSnapshot counted(AlertStatus state, Instant at) {
        return with(b -> {
            b.alertCount = alertCount + 1;
            b.alertState = state;
            b.lastAlertAt = at;
            b.updatedAt = at;
        });
    }

    IncidentSnapshot alertState(AlertStatus state, Instant at) {
        return with(b -> {
            b.alertState = state;
            b.lastAlertAt = at;
            b.updatedAt = at;
        });
    }

    /** New impact and urgency, the priority they give, and the SLA targets of that priority when a policy is given. */
    IncidentSnapshot prioritised(Impact newImpact, Urgency newUrgency, Instant at, SlaPolicy policy) {
        Priority newPriority = PriorityMatrix.priority(newImpact, newUrgency);
        return with(b -> {
            b.impact = newImpact;
            b.urgency = newUrgency;
            b.priority = newPriority;
            if (policy != null && newPriority != priority) {
                b.sla = sla.retargeted(policy.of(newPriority));
            }
            b.updatedAt = at;
        });
    }

    IncidentSnapshot resolved(String note, Instant at) {
        return with(b -> {
            b.status = IncidentStatus.RESOLVED;
            b.alertState = AlertStatus.RESOLVED;
            b.lastAlertAt = at;
            b.resolvedAt = at;
            b.resolution = note;
            b.holdReason = null;
            b.sla = endHold(at);
            b.updatedAt = at;
        });
    }

    /** Back to work after a resolve: the time it sat resolved does not count against its clocks. */
    IncidentSnapshot reopened(Instant at) {
        IncidentStatus back = assigneeId != null || acknowledgedAt != null ? IncidentStatus.IN_PROGRESS : IncidentStatus.NEW;
        return with(b -> {
            b.status = back;
            b.alertCount = alertCount + 1;
            b.flapCount = flapCount + 1;
            b.alertState = AlertStatus.FIRING;
            b.lastAlertAt = at;
            b.resolvedAt = null;
            b.resolution = null;
            b.sla = resolvedAt == null ? sla : sla.pausedFor(Duration.between(resolvedAt, at), !owned());
            b.updatedAt = at;
        });
    }

    IncidentSnapshot acknowledged(Instant at) {
        return with(b -> {
            b.status = IncidentStatus.IN_PROGRESS;
            b.alertState = AlertStatus.ACKNOWLEDGED;
            b.lastAlertAt = at;
            b.acknowledgedAt = acknowledgedAt != null ? acknowledgedAt : at;
            b.updatedAt = at;
        });
    }

    IncidentSnapshot numbered(String newNumber) {
        return with(b -> b.number = newNumber);
    }

    IncidentSnapshot routedTo(String group) {
        return with(b -> b.assignmentGroup = group);
    }

    IncidentSnapshot suspecting(SuspectChange change) {
        return with(b -> b.suspectChange = change);
    }

    /** The SLA timing once a hold (if any) ends at the given time. */
    SlaTiming endHold(Instant at) {
        return sla.onHoldSince() == null ? sla : sla.pausedFor(Duration.between(sla.onHoldSince(), at), !owned());
    }

    // ---- copying ----

    public Builder toBuilder() {
        return new Builder(this);
    }

    public IncidentSnapshot with(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** A mutable copy for the rules that change several fields at once. */
    public static final class Builder {
        public UUID id;
        public String number;
        public boolean persisted;
        public String fingerprint;
        public String title;
        public String description;
        public String serviceCode;
        public String signature;
        public String alertName;
        public String reporterId;
        public String assignmentGroup;
        public String assigneeId;
        public IncidentStatus status;
        public Impact impact;
        public Urgency urgency;
        public Priority priority;
        public int alertCount;
        public int flapCount;
        public AlertStatus alertState;
        public Instant lastAlertAt;
        public Instant openedAt;
        public Instant acknowledgedAt;
        public Instant resolvedAt;
        public String resolution;
        public Instant updatedAt;
        public IncidentOrigin origin;
        public String category;
        public String holdReason;
        public Instant closedAt;
        public int escalationTier;
        public SlaTiming sla;
        public SuspectChange suspectChange;
        public boolean major;
        public UUID problemId;
        public long version;

        public Builder() {
            this.escalationTier = 1;
            this.sla = SlaTiming.NONE;
        }

        Builder(IncidentSnapshot s) {
            id = s.id;
            number = s.number;
            persisted = s.persisted;
            fingerprint = s.fingerprint;
            title = s.title;
            description = s.description;
            serviceCode = s.serviceCode;
            signature = s.signature;
            alertName = s.alertName;
            reporterId = s.reporterId;
            assignmentGroup = s.assignmentGroup;
            assigneeId = s.assigneeId;
            status = s.status;
            impact = s.impact;
            urgency = s.urgency;
            priority = s.priority;
            alertCount = s.alertCount;
            flapCount = s.flapCount;
            alertState = s.alertState;
            lastAlertAt = s.lastAlertAt;
            openedAt = s.openedAt;
            acknowledgedAt = s.acknowledgedAt;
            resolvedAt = s.resolvedAt;
            resolution = s.resolution;
            updatedAt = s.updatedAt;
            origin = s.origin;
            category = s.category;
            holdReason = s.holdReason;
            closedAt = s.closedAt;
            escalationTier = s.escalationTier;
            sla = s.sla;
            suspectChange = s.suspectChange;
            major = s.major;
            problemId = s.problemId;
            version = s.version;
        }

        public IncidentSnapshot build() {
            return new IncidentSnapshot(id, number, persisted, fingerprint, title, description, serviceCode, signature, alertName,
                    reporterId, assignmentGroup, assigneeId, status, impact, urgency, priority, alertCount, flapCount, alertState,
                    lastAlertAt, openedAt, acknowledgedAt, resolvedAt, resolution, updatedAt, origin, category, holdReason, closedAt,
                    escalationTier, sla, suspectChange, major, problemId, version);
        }
    }
}
