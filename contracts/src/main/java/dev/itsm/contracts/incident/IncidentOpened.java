package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;

import java.time.Instant;
import java.util.UUID;

/**
 * @param signature        normalised symptom: what makes two incidents "the same" for problem clustering
 * @param alertFingerprint set when the incident came from an alert
 * @param assignmentGroup  directory group code the incident is routed to (the service's Tier 1 / Service Desk)
 * @param openedAt         event time, used by clustering instead of the consumer's clock
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentOpened(
        UUID incidentId,
        String number,
        String title,
        String serviceCode,
        Impact impact,
        Urgency urgency,
        Priority priority,
        String signature,
        IncidentOrigin origin,
        String alertFingerprint,
        String assignmentGroup,
        String reporterId,
        Instant openedAt) {
}
