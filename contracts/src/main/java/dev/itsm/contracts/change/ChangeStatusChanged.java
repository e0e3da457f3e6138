package dev.itsm.contracts.change;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeStatusChanged(
        UUID changeId,
        String number,
        ChangeType type,
        String serviceCode,
        UUID problemId,
        ChangeStatus from,
        ChangeStatus to,
        String ownerId,
        String actorId,
        Instant changedAt) {
}
