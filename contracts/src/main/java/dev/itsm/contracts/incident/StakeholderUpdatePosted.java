package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

/** A stakeholder update on a major incident, to be sent to its stakeholders. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StakeholderUpdatePosted(
        UUID incidentId,
        UUID updateId,
        String number,
        String title,
        String serviceCode,
        Priority priority,
        IncidentStatus status,
        String authorId,
        String message,
        String reporterId,
        Instant postedAt) {
}
