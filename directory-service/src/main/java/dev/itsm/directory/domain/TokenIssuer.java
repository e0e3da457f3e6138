package dev.itsm.directory.domain;

import dev.itsm.directory.config.DirectoryConfig;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.ApiProblem;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Signs people and integrations in. Tokens are RS256 JWTs: sub = person or client id, groups = role codes
 * (a person's effective roles, an integration's scopes). Unknown user and wrong password get the same answer.
 */
@ApplicationScoped
public class TokenIssuer {
    private final DirectoryService directory;
    private final DirectoryConfig config;
    private final KitConfig kit;
    private final Vertx vertx;

    TokenIssuer(DirectoryService directory, DirectoryConfig config, KitConfig kit, Vertx vertx) {
        this.directory = directory;
        this.config = config;
        this.kit = kit;
        this.vertx = vertx;
    }

    public record IssuedToken(String accessToken, long expiresIn, Set<String> roles) {
    }

    public Uni<IssuedToken> signIn(String username, String password) {
        return Person.<Person>find("username", username).firstResult().chain(person ->
                // Hashing is deliberately slow: off the event loop, and done even for unknown users.
                vertx.executeBlocking(Uni.createFrom().item(() -> PasswordHasher.matches(password,
                                person != null ? person.passwordHash : DUMMY_HASH)))
                        .chain(matches -> {
                            if (person == null || !matches || !person.active) {
                                throw rejected();
                            }
                            return directory.effectiveRoles(person).map(effective -> {
                                Set<String> roles = EffectiveRoles.codes(effective);
                                Duration ttl = config.personTokenTtl();
                                String token = Jwt.issuer(kit.jwt().issuer()).subject(person.id.toString()).upn(person.username)
                                        .groups(roles).claim("name", person.displayName).expiresIn(ttl).sign();
                                return new IssuedToken(token, ttl.toSeconds(), roles);
                            });
                        }));
    }

    public Uni<IssuedToken> signInIntegration(String clientId, String secret) {
        return IntegrationClient.<IntegrationClient>findById(clientId).chain(client ->
                vertx.executeBlocking(Uni.createFrom().item(() -> PasswordHasher.matches(secret,
                                client != null ? client.secretHash : DUMMY_HASH)))
                        .map(matches -> {
                            if (client == null || !matches) {
                                throw rejected();
                            }
                            Set<String> scopes = new LinkedHashSet<>(Arrays.asList(client.scopes.split(",")));
                            Duration ttl = config.integrationTokenTtl();
                            String token = Jwt.issuer(kit.jwt().issuer()).subject(client.clientId).upn(client.clientId)
                                    .groups(scopes).claim("itsm_client", true).expiresIn(ttl).sign();
                            return new IssuedToken(token, ttl.toSeconds(), scopes);
                        }));
    }

    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-real-secret");

    private static ApiProblem rejected() {
        return new ApiProblem(401, "sign-in-failed", "Sign-in failed", "unknown name or wrong secret", Map.of());
    }
}
