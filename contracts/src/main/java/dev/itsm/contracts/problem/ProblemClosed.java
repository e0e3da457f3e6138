package dev.itsm.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** @param changeId the implemented change that closed it, when a change did */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemClosed(
        UUID problemId,
        String number,
        String closedBy,
        String reason,
        UUID changeId,
        Instant closedAt) {
}
