package dev.itsm.change.rest;

import dev.itsm.contracts.change.ChangeType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * Request bodies. Server-owned fields (number, status, requester, approvals, timestamps) are not in them: whatever a
 * client sends for those is ignored. {@code ownerId} and {@code risk} are a Change Manager's to set.
 */
public final class ChangeRequests {
    private static final String CODE = "[a-z0-9][a-z0-9-]{0,63}";

    private ChangeRequests() {
    }

    /** {@code type} may be left out when {@code templateId} names a standard-change template. */
    public record NewChange(@NotBlank @Size(max = 200) String title, @Size(max = 10_000) String description,
                            ChangeType type,
                            @NotBlank @Pattern(regexp = CODE) String serviceCode,
                            @Size(max = 16) String risk, @Size(max = 10_000) String implementationPlan,
                            @Size(max = 10_000) String backoutPlan, @Size(max = 64) String ownerId, UUID templateId) {
    }

    /** Fields a step may need: owner/implementer (assign), risk/notes (assess), comment (approve), reason (reject,
     *  cancel), window (schedule), result (complete), outcome and notes (close: the post-implementation review). */
    public record Step(@Size(max = 16) String risk, @Size(max = 10_000) String notes, @Size(max = 2_000) String comment,
                       @Size(max = 2_000) String reason, Instant plannedStart, Instant plannedEnd,
                       @Size(max = 10_000) String result, @Size(max = 16) String outcome,
                       @Size(max = 64) String ownerId, @Size(max = 64) String implementerId) {
    }

    public record NewFreeze(@NotNull Instant startsAt, @NotNull Instant endsAt, @NotBlank @Size(max = 500) String reason,
                            @Pattern(regexp = CODE) String serviceCode) {
    }

    /** A pre-approved standard change for the catalogue; {@code serviceCode} null = every service. */
    public record NewTemplate(@NotBlank @Size(max = 200) String name, @Size(max = 10_000) String description,
                              @Pattern(regexp = CODE) String serviceCode, @NotBlank @Size(max = 16) String risk,
                              @NotBlank @Size(max = 10_000) String implementationPlan,
                              @NotBlank @Size(max = 10_000) String backoutPlan) {
    }
}
