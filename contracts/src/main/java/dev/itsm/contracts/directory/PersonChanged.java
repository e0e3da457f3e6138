package dev.itsm.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Channel;

import java.util.List;
import java.util.UUID;

/**
 * Current state of a person (compacted topic, key {@code person:<id>}).
 *
 * @param groupCodes directory groups the person belongs to (their group roles come with them)
 * @param channels   where the person wants to be told things, in order of preference
 * @param version    increases with every change; projections ignore older versions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonChanged(
        UUID personId,
        String username,
        String displayName,
        String email,
        boolean active,
        List<RoleAssignment> roles,
        List<String> groupCodes,
        List<Channel> channels,
        String webhookUrl,
        long version) {
}
