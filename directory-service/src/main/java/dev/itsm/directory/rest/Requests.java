package dev.itsm.directory.rest;

import dev.itsm.contracts.Channel;
import dev.itsm.contracts.directory.RoleAssignment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request bodies of the directory API. */
public final class Requests {
    private static final String CODE = "[a-z0-9][a-z0-9-]{0,63}";

    private Requests() {
    }

    public record SignIn(@NotBlank String username, @NotBlank String password) {
    }

    public record IntegrationSignIn(@NotBlank String clientId, @NotBlank String clientSecret) {
    }

    public record NewPerson(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}") String username,
                            @NotBlank @Size(max = 120) String displayName,
                            @Email String email,
                            @Size(min = 8, max = 200) String password,
                            List<@Valid @NotNull RoleAssignment> roles,
                            List<@Pattern(regexp = CODE) String> groupCodes,
                            List<@NotNull Channel> channels,
                            @Pattern(regexp = "https?://.+") String webhookUrl) {
    }

    public record RoleList(@NotNull List<@Valid @NotNull RoleAssignment> roles) {
    }

    public record Activation(@NotNull Boolean active) {
    }

    public record NewGroup(@NotBlank @Pattern(regexp = CODE) String code, @NotBlank @Size(max = 120) String name,
                           @NotBlank String role, Integer tier, @Pattern(regexp = CODE) String serviceCode) {
    }

    public record Members(@NotNull List<@NotNull UUID> personIds) {
    }

    public record ServiceBody(@NotBlank @Size(max = 120) String name, UUID ownerId, UUID businessOwnerId,
                              @Pattern(regexp = CODE) String tier1Group, @Pattern(regexp = CODE) String tier2Group,
                              @Pattern(regexp = CODE) String tier3Group) {
    }

    /** Every token of a person or integration ({@code subjectId}), or only one of them when {@code tokenId} is given. */
    public record Revocation(@NotBlank @Size(max = 64) String subjectId, @Size(max = 64) String tokenId,
                             @NotBlank @Size(max = 500) String reason) {
    }

    public record Shift(@NotNull UUID personId, @NotNull Instant startsAt, @NotNull Instant endsAt) {
    }
}
