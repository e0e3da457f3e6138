package dev.itsm.change.rest;

import dev.itsm.change.domain.ChangeApproval;
import dev.itsm.change.domain.ChangeLifecycle;
import dev.itsm.change.domain.ChangeRequest;
import dev.itsm.change.domain.ChangeTemplate;
import dev.itsm.contracts.change.ChangeEvidence;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A change as the API shows it: with its evidence, decisions, window and the steps it allows now. */
public record ChangeView(UUID id, String number, String title, String description, ChangeType type, ChangeStatus status,
                         List<String> allowedSteps, String serviceCode, UUID problemId, UUID templateId, String requesterId,
                         String ownerId, String implementerId, String risk, String assessment, String implementationPlan,
                         String backoutPlan, ChangeEvidence evidence, Instant plannedStart, Instant plannedEnd,
                         String implementationResult, String reviewOutcome, String reviewNotes, String closeReason,
                         List<Decision> approvals, Instant createdAt, Instant updatedAt, long version) {

    public record Decision(String approverId, String decision, boolean asBoard, boolean asBusinessOwner, String comment,
                           Instant decidedAt) {
    }

    public record TemplateView(UUID id, String name, String description, String serviceCode, String risk,
                               String implementationPlan, String backoutPlan, boolean active, String createdBy,
                               Instant createdAt, Instant updatedAt) {
        static TemplateView of(ChangeTemplate t) {
            return new TemplateView(t.id, t.name, t.description, t.serviceCode, t.risk, t.implementationPlan, t.backoutPlan,
                    t.active, t.createdBy, t.createdAt, t.updatedAt);
        }
    }

    static ChangeView of(ChangeRequest c, List<ChangeApproval> approvals) {
        return new ChangeView(c.id, c.number, c.title, c.description, c.type, c.status,
                ChangeLifecycle.allowedSteps(c.type, c.status), c.serviceCode, c.problemId, c.templateId, c.requesterId,
                c.ownerId, c.implementerId, c.risk, c.assessment, c.implementationPlan, c.backoutPlan, c.evidence(),
                c.plannedStart, c.plannedEnd, c.implementationResult, c.reviewOutcome, c.reviewNotes, c.closeReason,
                approvals.stream().map(a -> new Decision(a.approverId, a.decision, a.asBoard, a.asBusinessOwner, a.comment,
                        a.decidedAt)).toList(),
                c.createdAt, c.updatedAt, c.version);
    }
}
