package dev.itsm.directory.domain;

import dev.itsm.contracts.Channel;
import dev.itsm.contracts.directory.RoleAssignment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The demo organisation loaded at start: people holding the seed roles, groups and tiers, services with owners. */
public record DemoDirectory(List<DemoPerson> people, List<DemoGroup> groups, List<DemoService> services,
                            List<DemoIntegration> integrations, String password) {

    public record DemoPerson(String username, String displayName, String email, List<RoleAssignment> roles,
                             List<String> groupCodes, List<Channel> channels) {
        /** Stable ids, so a reload or a second replica finds the same person. */
        public UUID id() {
            return personId(username);
        }
    }

    public record DemoGroup(String code, String name, String role, Integer tier, String serviceCode) {
    }

    public record DemoService(String code, String name, String owner, String businessOwner, String tier1Group,
                              String tier2Group, String tier3Group) {
    }

    public record DemoIntegration(String clientId, String secret, List<String> scopes) {
    }

    public static UUID personId(String username) {
        return UUID.nameUUIDFromBytes(("itsm-demo-person:" + username).getBytes(StandardCharsets.UTF_8));
    }
}
