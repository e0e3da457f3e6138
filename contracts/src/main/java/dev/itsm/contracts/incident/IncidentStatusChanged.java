package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * @param reporterId      who reported the incident (told when it is resolved)
 * @param assignmentGroup the group it is routed to at the time of the change
 * @param assigneeId      the person working on it, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentStatusChanged(
        UUID incidentId,
        String number,
        String serviceCode,
        String signature,
        Priority priority,
        IncidentStatus from,
        IncidentStatus to,
        String actorId,
        String reason,
        Instant changedAt,
        String reporterId,
        String assignmentGroup,
        String assigneeId) {
}
