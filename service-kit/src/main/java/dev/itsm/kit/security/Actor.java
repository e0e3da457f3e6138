package dev.itsm.kit.security;

import dev.itsm.contracts.RoleCode;

import java.util.Arrays;
import java.util.Set;

/** Who is acting: a person (id = directory person id) or an integration (id = client id), with their role codes. */
public record Actor(String id, Set<String> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public static Actor system(String serviceName) {
        return new Actor(serviceName, Set.of());
    }

    public boolean hasAny(RoleCode... candidates) {
        return Arrays.stream(candidates).anyMatch(r -> roles.contains(r.name()));
    }

    public boolean is(String otherId) {
        return id != null && id.equals(otherId);
    }
}
