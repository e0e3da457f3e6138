package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

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
        Instant changedAt) {
}
