package dev.itsm.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The extension's token parser, which verifies a bearer token once and answers its repeats from memory until it
 * expires: a client sends the same token with every request, and checking its RS256 signature and claims again cost
 * more CPU than the rest of a small request's authentication. Only a token that verified is kept, under its full text
 * (signature included), so a token that differs in one character is verified anew; expiry is checked on every use.
 * Revocation is not cached: {@link RevocationCheck} runs on every request. Verification with other settings or keys
 * than the service's own ({@code parse(token, context)}, {@code verify}, {@code decrypt}) is never cached.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache extends DefaultJWTParser {
    static final int MAX_TOKENS = 10_000;
    /** Bounds how long a token stays in memory when its expiry is far off. */
    static final Duration KEEP = Duration.ofMinutes(10);

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(KEEP).build();
    private final LongSupplier epochSeconds;

    /** The bean: the service's mp.jwt settings are injected into the parser it extends. */
    public VerifiedTokenCache() {
        this.epochSeconds = () -> System.currentTimeMillis() / 1000;
    }

    VerifiedTokenCache(JWTAuthContextInfo context, LongSupplier epochSeconds) {
        super(context);
        this.epochSeconds = epochSeconds;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && epochSeconds.getAsLong() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken fresh = verify(token);
        verified.put(token, fresh);
        return fresh;
    }

    /** Signature, issuer, audience and expiry, as the extension checks them. */
    JsonWebToken verify(String token) throws ParseException {
        return super.parse(token);
    }
}
