package dev.itsm.contracts.change;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeDrafted(
        UUID changeId,
        String number,
        ChangeType type,
        String title,
        String serviceCode,
        UUID problemId,
        ChangeEvidence evidence,
        Instant draftedAt) {
}
