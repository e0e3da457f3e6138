package dev.itsm.contracts.change;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeImplemented(
        UUID changeId,
        String number,
        String serviceCode,
        UUID problemId,
        String implementedBy,
        Instant implementedAt) {
}
