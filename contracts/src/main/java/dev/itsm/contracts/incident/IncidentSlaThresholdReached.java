package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * An SLA clock of an incident reached 50 %, 75 % or 100 % (breach) of its target.
 *
 * @param threshold     50, 75 or 100
 * @param reachedAt     when the clock reached the threshold (the event time decisions use)
 * @param dueAt         when the clock reaches (or reached) 100 %
 * @param targetSeconds the clock's target for the incident's priority
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentSlaThresholdReached(
        UUID incidentId,
        String number,
        String serviceCode,
        Priority priority,
        SlaClock clock,
        int threshold,
        boolean breached,
        Instant reachedAt,
        Instant dueAt,
        long targetSeconds,
        String assignmentGroup,
        String assigneeId,
        String reporterId) {
}
