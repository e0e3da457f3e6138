package dev.itsm.problem.rest;

import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemStatus;
import dev.itsm.problem.domain.Problem;
import dev.itsm.problem.domain.ProblemLifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A problem as the API shows it: with why it was raised, how many incidents it has (listed, paged, at
 * {@code GET /api/problems/{id}/incidents}) and the steps it allows now.
 */
public record ProblemView(UUID id, String number, String title, String description, String serviceCode, String signature,
                          ProblemStatus status, List<String> allowedSteps, ProblemOrigin origin,
                          ClusterExplanation explanation, long incidentCount, String rootCause, String fix,
                          String raisedBy, String ownerId, Instant raisedAt, Instant updatedAt, Instant resolvedAt, Instant closedAt,
                          String closedBy, String closeReason, UUID changeId, long version) {

    static ProblemView of(Problem p, long incidentCount) {
        return new ProblemView(p.id, p.number, p.title, p.description, p.serviceCode, p.signature, p.status,
                ProblemLifecycle.allowedSteps(p.status), p.origin, p.clusterExplanation(), incidentCount, p.rootCause, p.fix,
                p.raisedBy, p.ownerId, p.raisedAt, p.updatedAt, p.resolvedAt, p.closedAt, p.closedBy, p.closeReason, p.changeId, p.version);
    }
}
