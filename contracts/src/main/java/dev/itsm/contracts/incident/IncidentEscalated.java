package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident was escalated. Functionally it moved up its service's support tiers ({@code toGroup}, and
 * {@code assigneeId} when the group has someone on call); hierarchically, {@code notifyRole} (the Incident Manager)
 * is to be told.
 *
 * @param automatic true when an SLA breach escalated it, false when a person did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentEscalated(
        UUID incidentId,
        String number,
        String serviceCode,
        Priority priority,
        EscalationKind kind,
        Integer fromTier,
        Integer toTier,
        String fromGroup,
        String toGroup,
        String assigneeId,
        String notifyRole,
        String actorId,
        String reason,
        boolean automatic,
        String reporterId,
        Instant escalatedAt) {
}
