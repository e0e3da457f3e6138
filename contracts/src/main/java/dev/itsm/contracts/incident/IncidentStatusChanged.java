package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * @param reporterId      who reported the incident (a person id, or an integration's client id)
 * @param assignmentGroup the directory group the incident is routed to when its status changed
 * @param assigneeId      the person working on it, once someone accepted it
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
