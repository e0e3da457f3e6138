package dev.itsm.kit.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a verified token whose id, or whose person's or integration's earlier tokens, the directory revoked.
 * Signature, issuer, audience and expiry are checked before this by SmallRye JWT.
 */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {
    private final RevocationList revocations;

    RevocationCheck(RevocationList revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt
                && revocations.revoked(jwt.getSubject(), jwt.getTokenID(), jwt.getIssuedAtTime())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token has been revoked"));
        }
        return Uni.createFrom().item(identity);
    }
}
