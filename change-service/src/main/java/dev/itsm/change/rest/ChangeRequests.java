package dev.itsm.change.rest;

import dev.itsm.contracts.change.ChangeType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

public final class ChangeRequests {
    private ChangeRequests() {
    }

    public record NewChange(@NotBlank @Size(max = 200) String title, @Size(max = 10_000) String description,
                            @NotNull ChangeType type,
                            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String serviceCode,
                            @Size(max = 16) String risk, @Size(max = 10_000) String implementationPlan,
                            @Size(max = 10_000) String backoutPlan, @Size(max = 64) String ownerId) {
    }

    /** Fields a step may need: risk/notes (assess), comment (approve), reason (reject, cancel), window (schedule),
     *  result (complete), outcome and notes (close: the post-implementation review). */
    public record Step(@Size(max = 16) String risk, @Size(max = 10_000) String notes, @Size(max = 2_000) String comment,
                       @Size(max = 2_000) String reason, Instant plannedStart, Instant plannedEnd,
                       @Size(max = 10_000) String result, @Size(max = 16) String outcome) {
    }

    public record NewFreeze(@NotNull Instant startsAt, @NotNull Instant endsAt, @NotBlank @Size(max = 500) String reason,
                            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String serviceCode) {
    }
}
