package dev.itsm.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * A business or technical service (key {@code service:<code>}) with its owners and its escalation ladder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceChanged(
        String code,
        String name,
        UUID ownerId,
        UUID businessOwnerId,
        String tier1Group,
        String tier2Group,
        String tier3Group,
        long version) {
}
