package dev.itsm.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The evidence change-service puts into the draft change request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemResolved(
        UUID problemId,
        String number,
        String title,
        String serviceCode,
        String rootCause,
        String fix,
        List<UUID> incidentIds,
        ClusterExplanation explanation,
        String resolvedBy,
        Instant resolvedAt) {
}
