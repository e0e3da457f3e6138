package dev.itsm.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The evidence change-service puts into the draft change request.
 *
 * @param incidentIds   the problem's first incidents, at most {@link #MAX_INCIDENT_IDS} (a problem may gather
 *                      thousands; the full list is paged by problem-service's API)
 * @param incidentCount how many incidents the problem has in all
 */
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
        Instant resolvedAt,
        Integer incidentCount) {
    public static final int MAX_INCIDENT_IDS = 100;
}
