package dev.itsm.directory.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.itsm.contracts.Channel;
import dev.itsm.contracts.directory.RoleAssignment;
import dev.itsm.directory.domain.ItService;
import dev.itsm.directory.domain.Person;
import dev.itsm.directory.domain.PersonGroup;

import java.util.List;
import java.util.UUID;

/** Response bodies of the directory API. */
public final class Views {
    private Views() {
    }

    /** A person; e-mail, channels and webhook are null unless the reader may see them (the person, administrators). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PersonView(UUID id, String username, String displayName, String email, boolean active,
                             List<RoleAssignment> roles, List<String> groupCodes, List<Channel> channels, String webhookUrl,
                             long version) {
        static PersonView of(Person p) {
            return new PersonView(p.id, p.username, p.displayName, p.email, p.active, p.roleAssignments(), p.groups(),
                    p.channelList(), p.webhookUrl, p.version);
        }

        /** Without contact details. */
        static PersonView withoutContact(Person p) {
            return new PersonView(p.id, p.username, p.displayName, null, p.active, p.roleAssignments(), p.groups(),
                    null, null, p.version);
        }
    }

    public record IntegrationView(String clientId, List<String> scopes, boolean active) {
        static IntegrationView of(dev.itsm.directory.domain.IntegrationClient c) {
            return new IntegrationView(c.clientId, c.scopeList(), c.active);
        }
    }

    public record Me(UUID id, String username, String displayName, List<RoleAssignment> effectiveRoles, List<String> groupCodes) {
    }

    public record GroupView(String code, String name, String role, Integer tier, String serviceCode, long version) {
        static GroupView of(PersonGroup g) {
            return new GroupView(g.code, g.name, g.role, g.tier, g.serviceCode, g.version);
        }
    }

    public record ServiceView(String code, String name, UUID ownerId, UUID businessOwnerId, String tier1Group,
                              String tier2Group, String tier3Group, long version) {
        static ServiceView of(ItService s) {
            return new ServiceView(s.code, s.name, s.ownerId, s.businessOwnerId, s.tier1Group, s.tier2Group, s.tier3Group, s.version);
        }
    }

    /** OAuth 2.0 token response field names (RFC 6749 §5.1). */
    public record TokenView(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") long expiresIn) {
    }
}
