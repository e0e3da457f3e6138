package dev.itsm.contracts.change;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** @param outcome the post-implementation review's verdict: SUCCESSFUL, SUCCESSFUL_WITH_ISSUES, FAILED */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeClosed(
        UUID changeId,
        String number,
        UUID problemId,
        String outcome,
        String closedBy,
        Instant closedAt) {
}
