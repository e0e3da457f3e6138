package dev.itsm.incident.rest;

import dev.itsm.contracts.incident.MajorIncidentRole;
import dev.itsm.contracts.incident.ReviewAction;
import dev.itsm.incident.domain.MajorIncidentTeam;
import dev.itsm.incident.repository.MajorIncidentRows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A major incident: who declared it and why, who fills each seed role, which roles nobody fills, and its review. */
public record MajorIncidentView(UUID incidentId, String status, String declaredBy, Instant declaredAt, String reason,
                                List<MajorIncidentRole> team, List<String> unfilledRoles, ReviewView review) {

    public record ReviewView(String reviewedBy, Instant reviewedAt, String summary, List<String> contributingFactors,
                             List<ReviewAction> actions) {
    }

    /** A stakeholder update. */
    public record UpdateView(UUID id, String authorId, String message, Instant postedAt) {
        static UpdateView of(MajorIncidentRows.Update u) {
            return new UpdateView(u.id(), u.authorId(), u.message(), u.postedAt());
        }
    }

    static MajorIncidentView of(MajorIncidentRows.Major m) {
        return new MajorIncidentView(m.incidentId(), m.status(), m.declaredBy(), m.declaredAt(), m.reason(), m.team(),
                MajorIncidentTeam.unfilled(m.team()), m.reviewedAt() == null ? null
                : new ReviewView(m.reviewedBy(), m.reviewedAt(), m.reviewSummary(), m.contributingFactors(), m.actions()));
    }
}
