package dev.itsm.problem.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

public final class ProblemRequests {
    private ProblemRequests() {
    }

    public record RaiseProblem(@NotBlank @Size(max = 200) String title, @Size(max = 10_000) String description,
                               @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String serviceCode,
                               @Size(max = 500) List<UUID> incidentIds) {
    }

    /**
     * Fields a step may need: root cause and fix (fix, resolve), symptom and workaround (known-error), reason (close),
     * the Problem Owner's person id (assign).
     */
    public record Step(@Size(max = 10_000) String rootCause, @Size(max = 10_000) String fix,
                       @Size(max = 2_000) String symptom, @Size(max = 10_000) String workaround,
                       @Size(max = 2_000) String reason, @Size(max = 64) String ownerId) {
    }
}
