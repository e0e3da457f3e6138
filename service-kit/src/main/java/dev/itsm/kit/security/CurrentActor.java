package dev.itsm.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The actor of the current request, from the verified token: sub = person or client id, groups = role codes,
 * {@code itsm_roles} = the same roles with the service and group each is held for, {@code itsm_client} marks an
 * integration. A token without {@code itsm_roles} holds its roles for every service.
 */
@RequestScoped
public class CurrentActor {
    public static final String SCOPED_ROLES_CLAIM = "itsm_roles";
    public static final String CLIENT_CLAIM = "itsm_client";

    @Inject
    SecurityIdentity identity;

    private Actor actor;

    public Actor get() {
        if (actor == null) {
            actor = resolve();
        }
        return actor;
    }

    private Actor resolve() {
        if (identity.isAnonymous()) {
            return Actor.anonymous();
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return new Actor(identity.getPrincipal().getName(), identity.getRoles());
        }
        String id = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        Set<String> roles = identity.getRoles();
        if (isTrue(jwt.getClaim(CLIENT_CLAIM))) {
            return Actor.integration(id, roles);
        }
        Object claim = jwt.getClaim(SCOPED_ROLES_CLAIM);
        if (!(claim instanceof JsonArray array)) {
            return new Actor(id, roles);
        }
        List<ScopedRole> scoped = new ArrayList<>();
        for (JsonValue value : array) {
            if (value instanceof JsonObject entry && entry.get("role") instanceof JsonString role) {
                scoped.add(new ScopedRole(role.getString(), text(entry, "serviceCode"), text(entry, "groupCode")));
            }
        }
        return Actor.person(id, scoped);
    }

    private static boolean isTrue(Object claim) {
        return claim == JsonValue.TRUE || Boolean.TRUE.equals(claim) || claim != null && "true".equals(claim.toString());
    }

    private static String text(JsonObject entry, String field) {
        return entry.get(field) instanceof JsonString value ? value.getString() : null;
    }
}
