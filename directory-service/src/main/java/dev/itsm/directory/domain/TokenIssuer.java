package dev.itsm.directory.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.directory.config.DirectoryConfig;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.ScopedRole;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Signs people and integrations in. Tokens are RS256 JWTs: sub = person or client id, groups = role codes (a
 * person's effective roles, an integration's scopes), {@code itsm_roles} = each role with the service and group it
 * is held for, aud = the services the token is for, jti = the token's id (what a revocation names), iat = when it
 * was issued. Unknown name and wrong secret get the same answer; attempts are throttled per account and address.
 */
@ApplicationScoped
public class TokenIssuer {
    private final DirectoryService directory;
    private final DirectoryConfig config;
    private final KitConfig kit;
    private final PasswordHashing hashing;
    private final SignInThrottle throttle;
    private final Clock clock;

    TokenIssuer(DirectoryService directory, DirectoryConfig config, KitConfig kit, PasswordHashing hashing,
                SignInThrottle throttle, Clock clock) {
        this.directory = directory;
        this.config = config;
        this.kit = kit;
        this.hashing = hashing;
        this.throttle = throttle;
        this.clock = clock;
    }

    public record IssuedToken(String accessToken, long expiresIn, Set<String> roles) {
    }

    /** A person signs in with username and password. Runs in a session. */
    public Uni<IssuedToken> signIn(String username, String password, String clientAddress) {
        SignInThrottle.Keys keys = SignInThrottle.Keys.of("person:" + username, clientAddress);
        Uni<Person> found = throttle.admit(keys).chain(() -> Person.<Person>find("username", username).firstResult());
        return found
                .chain(person -> hashing.matches(password, person != null ? person.passwordHash : null).chain(matches -> {
                    if (person == null || !matches || !person.active) {
                        return throttle.failed(keys).chain(() -> Uni.createFrom().failure(rejected()));
                    }
                    return throttle.succeeded(keys).chain(() -> directory.effectiveScopedRoles(person)).map(scoped -> {
                        Set<String> roles = new LinkedHashSet<>();
                        scoped.forEach(s -> roles.add(s.role()));
                        Duration ttl = config.personTokenTtl();
                        String token = sign(person.id.toString(), person.username, roles, scoped, config.personAudience(), ttl,
                                Map.of("name", person.displayName));
                        return new IssuedToken(token, ttl.toSeconds(), roles);
                    });
                }));
    }

    /**
     * An integration signs in with its client id and secret; {@code requestedScopes} (null or empty: all of them)
     * must be among the client's scopes. Runs in a session.
     */
    public Uni<IssuedToken> signInIntegration(String clientId, String secret, Set<String> requestedScopes, String clientAddress) {
        SignInThrottle.Keys keys = SignInThrottle.Keys.of("client:" + clientId, clientAddress);
        Uni<IntegrationClient> found = throttle.admit(keys).chain(() -> IntegrationClient.<IntegrationClient>findById(clientId));
        return found
                .chain(client -> hashing.matches(secret, client != null ? client.secretHash : null).chain(matches -> {
                    if (client == null || !matches || !client.active) {
                        return throttle.failed(keys).chain(() -> Uni.createFrom().failure(rejected()));
                    }
                    Set<String> scopes = new LinkedHashSet<>(client.scopeList());
                    if (requestedScopes != null && !requestedScopes.isEmpty()) {
                        if (!scopes.containsAll(requestedScopes)) {
                            return Uni.createFrom().failure(new InvalidScope(requestedScopes, scopes));
                        }
                        scopes = new LinkedHashSet<>(requestedScopes);
                    }
                    Set<String> granted = scopes;
                    return throttle.succeeded(keys).map(ignored -> {
                        Duration ttl = config.integrationTokenTtl();
                        List<ScopedRole> scoped = granted.stream().map(ScopedRole::global).toList();
                        String token = sign(client.clientId, client.clientId, granted, scoped, config.integrationAudience(), ttl,
                                Map.of(CurrentActor.CLIENT_CLAIM, true));
                        return new IssuedToken(token, ttl.toSeconds(), granted);
                    });
                }));
    }

    /** The client asked for a scope it does not hold. */
    public static final class InvalidScope extends ApiProblem {
        public InvalidScope(Set<String> requested, Set<String> held) {
            super(400, "invalid-scope", "A requested scope is not granted to this client",
                    "requested " + requested + ", the client holds " + held, Map.of());
        }
    }

    private String sign(String subject, String upn, Set<String> roles, List<ScopedRole> scoped, List<String> audience,
                        Duration ttl, Map<String, Object> extra) {
        Instant now = clock.instant();
        List<Map<String, String>> scopedClaim = scoped.stream().map(s -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("role", s.role());
            if (s.serviceCode() != null) {
                entry.put("serviceCode", s.serviceCode());
            }
            if (s.groupCode() != null) {
                entry.put("groupCode", s.groupCode());
            }
            return entry;
        }).toList();
        var builder = Jwt.issuer(kit.jwt().issuer()).subject(subject).upn(upn).groups(roles)
                .audience(new LinkedHashSet<>(audience))
                .claim("jti", UUID.randomUUID().toString())
                .claim(CurrentActor.SCOPED_ROLES_CLAIM, scopedClaim)
                .issuedAt(now).expiresAt(now.plus(ttl));
        extra.forEach(builder::claim);
        return builder.sign();
    }

    static boolean isIntegrationScope(String code) {
        return RoleCode.parse(code).map(r -> r == RoleCode.ALERT_SOURCE || r == RoleCode.INCIDENT_SOURCE).orElse(false);
    }

    private static ApiProblem rejected() {
        return new ApiProblem(401, "sign-in-failed", "Sign-in failed", "unknown name or wrong secret", Map.of());
    }
}
