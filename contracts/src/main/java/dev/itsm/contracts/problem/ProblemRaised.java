package dev.itsm.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** @param explanation present when origin is CLUSTERING */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemRaised(
        UUID problemId,
        String number,
        String title,
        String serviceCode,
        ProblemOrigin origin,
        ClusterExplanation explanation,
        List<UUID> incidentIds,
        String raisedBy,
        Instant raisedAt) {
}
