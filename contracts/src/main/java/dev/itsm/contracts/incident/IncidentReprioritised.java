package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;

import java.time.Instant;
import java.util.UUID;

/**
 * The priority of an incident changed: a person reclassified impact or urgency, or its alert re-fired with a
 * higher severity.
 *
 * @param reason why, in words (e.g. "alert DiskFull re-fired with severity critical")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentReprioritised(
        UUID incidentId,
        String number,
        String serviceCode,
        Priority from,
        Priority to,
        Impact impact,
        Urgency urgency,
        String actorId,
        String reason,
        String assignmentGroup,
        Instant changedAt) {
}
