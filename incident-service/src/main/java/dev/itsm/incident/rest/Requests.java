package dev.itsm.incident.rest;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.ReviewAction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The bodies of the incident steps that take more than a reason. */
public final class Requests {
    private Requests() {
    }

    /** Category from the catalogue, impact, urgency; at least one. A priority change needs a reason. */
    public record Classify(@Size(max = 64) String category, Impact impact, Urgency urgency, @Size(max = 2000) String reason) {
    }

    /** A new title or description; at least one. */
    public record Update(@Size(min = 1, max = 200) String title, @Size(max = 10_000) String description) {
    }

    /** To a group, and optionally to one of its members. */
    public record Assign(@NotBlank @Size(max = 64) String group, @Size(max = 64) String assigneeId, @Size(max = 2000) String reason) {
    }

    /** A work note or a comment. */
    public record Note(@NotBlank @Size(max = 10_000) String text) {
    }

    /**
     * Why it is a major incident; optionally who fills a role (role code → person id) and who restores the service.
     */
    public record DeclareMajor(@NotBlank @Size(max = 2000) String reason, Map<String, @NotBlank @Size(max = 64) String> roles,
                               @Size(max = 50) List<@NotBlank @Size(max = 64) String> restorationTeam) {
    }

    /** What the stakeholders are told. */
    public record StakeholderUpdate(@NotBlank @Size(max = 5000) String message) {
    }

    /** The post-incident review: summary, contributing factors (at least one) and actions with owners. */
    public record Review(@NotBlank @Size(max = 10_000) String summary,
                         @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 2000) String> contributingFactors,
                         @Size(max = 50) List<@Valid @NotNull Action> actions) {
    }

    public record Action(@NotBlank @Size(max = 2000) String description, @NotBlank @Size(max = 64) String ownerId, LocalDate dueDate) {
        ReviewAction toDomain() {
            return new ReviewAction(description, ownerId, dueDate);
        }
    }
}
