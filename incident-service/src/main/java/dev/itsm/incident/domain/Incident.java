package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An incident as Hibernate maps it, for lists and problem links; the write paths work on {@link IncidentSnapshot}. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {
    @Id
    public UUID id;
    public String number;
    public String title;
    @Column(columnDefinition = "text")
    public String description;
    @Column(name = "service_code")
    public String serviceCode;
    @Enumerated(EnumType.STRING)
    public Impact impact;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    public String signature;
    @Enumerated(EnumType.STRING)
    public IncidentStatus status;
    @Enumerated(EnumType.STRING)
    public IncidentOrigin origin;
    @Column(name = "alert_fingerprint", columnDefinition = "text")
    public String alertFingerprint;
    @Column(name = "alert_name", columnDefinition = "text")
    public String alertName;
    @Column(name = "alert_count")
    public int alertCount;
    @Column(name = "flap_count")
    public int flapCount;
    /** Where the alert behind the incident stands (FIRING, RESOLVED, ACKNOWLEDGED); null for reported incidents. */
    @Enumerated(EnumType.STRING)
    @Column(name = "alert_state")
    public AlertStatus alertState;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "last_alert_at")
    public Instant lastAlertAt;
    @Column(name = "assignment_group")
    public String assignmentGroup;
    @Column(name = "assignee_id")
    public String assigneeId;
    @Column(name = "reporter_id", columnDefinition = "text")
    public String reporterId;
    @Column(name = "problem_id")
    public UUID problemId;
    @Column(name = "hold_reason", columnDefinition = "text")
    public String holdReason;
    @Column(columnDefinition = "text")
    public String resolution;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    public String category;
    @Column(name = "escalation_tier")
    public int escalationTier;
    @Column(name = "own_target_seconds")
    public Long ownTargetSeconds;
    @Column(name = "resolve_target_seconds")
    public Long resolveTargetSeconds;
    @Column(name = "own_paused_ms")
    public long ownPausedMs;
    @Column(name = "resolve_paused_ms")
    public long resolvePausedMs;
    @Column(name = "on_hold_since")
    public Instant onHoldSince;
    @Column(name = "suspect_change_id")
    public UUID suspectChangeId;
    @Column(name = "suspect_change_number")
    public String suspectChangeNumber;
    @Column(name = "suspect_change_at")
    public Instant suspectChangeAt;
    public boolean major;
    @Version
    public long version;

    public boolean isOpen() {
        return status == IncidentStatus.NEW || status == IncidentStatus.IN_PROGRESS || status == IncidentStatus.ON_HOLD;
    }

    /** The incident as the write paths and the API see it. */
    public IncidentSnapshot snapshot() {
        return new IncidentSnapshot(id, number, true, alertFingerprint, title, description, serviceCode, signature, alertName,
                reporterId, assignmentGroup, assigneeId, status, impact, urgency, priority, alertCount, flapCount, alertState,
                lastAlertAt, openedAt, acknowledgedAt, resolvedAt, resolution, updatedAt, origin, category, holdReason, closedAt,
                escalationTier, new SlaTiming(ownTargetSeconds == null ? null : java.time.Duration.ofSeconds(ownTargetSeconds),
                resolveTargetSeconds == null ? null : java.time.Duration.ofSeconds(resolveTargetSeconds), ownPausedMs,
                resolvePausedMs, onHoldSince),
                suspectChangeId == null ? null : new SuspectChange(suspectChangeId, suspectChangeNumber, suspectChangeAt),
                major, problemId, version);
    }
}
