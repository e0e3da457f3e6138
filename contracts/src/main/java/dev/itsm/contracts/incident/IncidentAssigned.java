package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident was assigned to a group, and possibly to one of its members.
 *
 * @param toAssigneeId the person who is to accept it; null when it waits in the group's queue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentAssigned(
        UUID incidentId,
        String number,
        String serviceCode,
        Priority priority,
        String fromGroup,
        String toGroup,
        String fromAssigneeId,
        String toAssigneeId,
        String actorId,
        String reason,
        String reporterId,
        Instant assignedAt) {
}
