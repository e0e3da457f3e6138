package dev.itsm.change.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.change.ChangeEvidence;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeType;
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

/** A request for change (RFC). */
@Entity
@Table(name = "change_request")
public class ChangeRequest extends PanacheEntityBase {
    @Id
    public UUID id;
    public String number;
    public String title;
    @Column(columnDefinition = "text")
    public String description;
    @Enumerated(EnumType.STRING)
    public ChangeType type;
    @Enumerated(EnumType.STRING)
    public ChangeStatus status;
    @Column(name = "service_code")
    public String serviceCode;
    @Column(name = "problem_id")
    public UUID problemId;
    @Column(name = "owner_id")
    public String ownerId;
    /** Who asked for the change: the person who raised it, or who resolved the problem it was drafted from. */
    @Column(name = "requester_id")
    public String requesterId;
    /** Who implements it: assigned by the Change Manager, or whoever starts the implementation. */
    @Column(name = "implementer_id")
    public String implementerId;
    /** The pre-approved template of a standard change. */
    @Column(name = "template_id")
    public UUID templateId;
    public String risk;
    @Column(columnDefinition = "text")
    public String assessment;
    @Column(name = "implementation_plan", columnDefinition = "text")
    public String implementationPlan;
    @Column(name = "backout_plan", columnDefinition = "text")
    public String backoutPlan;
    @Column(columnDefinition = "text")
    public String evidence;
    @Column(name = "planned_start")
    public Instant plannedStart;
    @Column(name = "planned_end")
    public Instant plannedEnd;
    @Column(name = "implementation_result", columnDefinition = "text")
    public String implementationResult;
    @Column(name = "review_outcome")
    public String reviewOutcome;
    @Column(name = "review_notes", columnDefinition = "text")
    public String reviewNotes;
    @Column(name = "close_reason", columnDefinition = "text")
    public String closeReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public ChangeEvidence evidence() {
        try {
            return evidence == null ? null : EventCodec.defaultMapper().readValue(evidence, ChangeEvidence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt evidence of change " + number, e);
        }
    }

    public void evidence(ChangeEvidence value) {
        try {
            evidence = value == null ? null : EventCodec.defaultMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an access check needs to know of this change: its service, implementer, owner and requester. */
    public dev.itsm.kit.security.RecordScope scope() {
        return new dev.itsm.kit.security.RecordScope(serviceCode, null, implementerId, ownerId, requesterId);
    }

    public ScheduleRules.Window window() {
        return plannedStart == null ? null : new ScheduleRules.Window(plannedStart, plannedEnd);
    }
}
