package dev.itsm.kit.security;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.domain.ApiProblem;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which roles may take a process step. Each service declares one policy (step → roles) from the seed
 * responsibilities and asks it before every step; the answer never depends on the HTTP layer.
 */
public final class RolePolicy<S extends Enum<S>> {
    private final Map<S, Set<RoleCode>> allowed;

    private RolePolicy(Map<S, Set<RoleCode>> allowed) {
        this.allowed = allowed;
    }

    public static <S extends Enum<S>> RolePolicy<S> of(Map<S, Set<RoleCode>> allowed) {
        return new RolePolicy<>(Map.copyOf(allowed));
    }

    public static Set<RoleCode> roles(RoleCode first, RoleCode... rest) {
        return Set.copyOf(EnumSet.of(first, rest));
    }

    public boolean permits(Actor actor, S step) {
        Set<RoleCode> roles = allowed.get(step);
        if (roles == null) {
            throw new IllegalStateException("no roles declared for step " + step);
        }
        return roles.stream().anyMatch(r -> actor.roles().contains(r.name()));
    }

    /** Throws a 403 problem that names the step, the roles that may take it, and the roles the actor holds. */
    public void require(Actor actor, S step) {
        if (!permits(actor, step)) {
            throw ApiProblem.forbidden(
                    "'" + step.name().toLowerCase().replace('_', ' ') + "' needs one of " + new TreeSet<>(names(allowed.get(step))),
                    Map.of("step", step.name(), "allowedRoles", new TreeSet<>(names(allowed.get(step))),
                            "actorRoles", new TreeSet<>(actor.roles())));
        }
    }

    public Set<RoleCode> allowedFor(S step) {
        return allowed.get(step);
    }

    private static List<String> names(Set<RoleCode> roles) {
        return roles.stream().map(Enum::name).toList();
    }
}
