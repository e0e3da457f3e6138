package dev.itsm.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Verifies a bearer token once and answers its repeats from memory until it expires: a client sends the same token
 * with every request, and checking its RS256 signature and claims again cost more CPU than the rest of a small
 * request's authentication. Only a token that verified is kept, under its full text (signature included), so a
 * token that differs in one character is verified anew; expiry is checked on every use. Revocation is not cached:
 * {@link RevocationCheck} runs on every request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {
    static final int MAX_TOKENS = 10_000;
    /** Bounds how long a token stays in memory when its expiry is far off. */
    static final Duration KEEP = Duration.ofMinutes(10);

    private final JWTParser verifier;
    private final Cache<String, JsonWebToken> verified;
    private final LongSupplier epochSeconds;

    /** The extension's own parser does the verifying, with the service's mp.jwt settings. */
    @Inject
    VerifiedTokenCache(DefaultJWTParser verifier) {
        this(verifier, () -> System.currentTimeMillis() / 1000);
    }

    VerifiedTokenCache(JWTParser verifier, LongSupplier epochSeconds) {
        this.verifier = verifier;
        this.epochSeconds = epochSeconds;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(KEEP).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && epochSeconds.getAsLong() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    // Verification with other settings or keys than the service's own is never cached.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
