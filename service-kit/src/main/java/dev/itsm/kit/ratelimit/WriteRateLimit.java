package dev.itsm.kit.ratelimit;

import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.ApiProblem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Set;

/**
 * Every service limits writes per credential (person or integration, by the verified token's subject) with a token
 * bucket; over the limit the answer is 429 problem+json with Retry-After. Reads and unauthenticated requests pass
 * here (the latter get their 401 from the resource). The limit is per replica.
 */
@ApplicationScoped
public class WriteRateLimit {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final KitConfig config;
    private final CurrentIdentityAssociation identities;
    private final KeyedRateLimiter limiter;

    WriteRateLimit(KitConfig config, CurrentIdentityAssociation identities) {
        this.config = config;
        this.identities = identities;
        this.limiter = new KeyedRateLimiter(config.rateLimit().writes().burst(), config.rateLimit().writes().perSecond());
    }

    @ServerRequestFilter
    public Uni<Void> limitWrites(ContainerRequestContext request) {
        if (!config.rateLimit().writes().enabled() || !WRITES.contains(request.getMethod())
                || request.getHeaderString("Authorization") == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        return null;
                    }
                    long wait = limiter.tryAcquire(subject(identity));
                    if (wait > 0) {
                        throw ApiProblem.tooManyRequests("too many writes with this credential; retry in " + wait + " s", wait);
                    }
                    return null;
                })
                .replaceWithVoid();
    }

    private static String subject(io.quarkus.security.identity.SecurityIdentity identity) {
        return identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
    }
}
