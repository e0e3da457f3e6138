package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The post-incident review of a major incident was recorded; it closes the major incident. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MajorIncidentReviewed(
        UUID incidentId,
        String number,
        String serviceCode,
        String reviewedBy,
        String summary,
        List<String> contributingFactors,
        List<ReviewAction> actions,
        Instant reviewedAt) {
}
