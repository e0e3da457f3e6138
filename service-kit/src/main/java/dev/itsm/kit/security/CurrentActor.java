package dev.itsm.kit.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/** The actor of the current request, from the verified token: sub = person or client id, groups = role codes. */
@RequestScoped
public class CurrentActor {
    @Inject
    SecurityIdentity identity;

    public Actor get() {
        if (identity.isAnonymous()) {
            return new Actor(null, Set.of());
        }
        String id = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
        return new Actor(id, identity.getRoles());
    }
}
