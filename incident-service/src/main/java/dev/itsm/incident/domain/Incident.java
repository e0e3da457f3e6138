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

/** An incident. Its transitions go through {@link #apply}, which asks {@link IncidentLifecycle} first. */
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
    @Version
    public long version;

    /** What a step needs besides the actor: a reason for hold/cancel, a resolution note for resolve. */
    public record StepDetails(String reason, String resolution) {
        public static final StepDetails NONE = new StepDetails(null, null);
    }

    /** Moves the incident by one step and returns the state it left. */
    public IncidentStatus apply(IncidentStep step, String actorId, StepDetails details, Instant now) {
        IncidentStatus from = status;
        IncidentStatus to = IncidentLifecycle.next(from, step);
        switch (step) {
            case ACCEPT -> assigneeId = actorId;
            case HOLD -> holdReason = required(details.reason(), "a reason to put the incident on hold");
            case RESUME -> holdReason = null;
            case RESOLVE -> {
                resolution = required(details.resolution(), "a resolution note");
                resolvedAt = now;
                holdReason = null;
            }
            case CLOSE -> closedAt = now;
            case CANCEL -> {
                resolution = required(details.reason(), "a reason to cancel");
                closedAt = now;
            }
            case REOPEN -> {
                required(details.reason(), "a reason to reopen");
                resolvedAt = null;
                resolution = null;
            }
            case HAND_BACK -> {
                required(details.reason(), "a reason to hand the incident back");
                // The caller routes it back to the Service Desk group.
                assigneeId = null;
            }
            case CREATE -> throw new IllegalStateException("an existing incident cannot be created");
        }
        status = to;
        updatedAt = now;
        return from;
    }

    /** What an access check needs to know of this incident: service, assignment group, assignee, reporter. */
    public dev.itsm.kit.security.RecordScope scope() {
        return new dev.itsm.kit.security.RecordScope(serviceCode, assignmentGroup, assigneeId, null, reporterId);
    }

    public boolean isOpen() {
        return status == IncidentStatus.NEW || status == IncidentStatus.IN_PROGRESS || status == IncidentStatus.ON_HOLD;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw dev.itsm.kit.domain.ApiProblem.unprocessable("this step needs " + what);
        }
        return value.strip();
    }
}
