package dev.itsm.kit.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {
    private static final KeyPair KEYS = keys();
    private static final KeyPair OTHER_KEYS = keys();

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(System.currentTimeMillis() / 1000);
    private final VerifiedTokenCache cache = new VerifiedTokenCache(context(), now::get) {
        @Override
        JsonWebToken verify(String token) throws ParseException {
            verifications.incrementAndGet();
            return super.verify(token);
        }
    };

    @Test
    void aRepeatedTokenIsVerifiedOnce() throws ParseException {
        String token = token(KEYS, "tina.tier1", now.get() + 600);

        JsonWebToken first = cache.parse(token);
        JsonWebToken second = cache.parse(token);

        assertThat(second.getSubject()).isEqualTo("tina.tier1");
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() throws ParseException {
        String token = token(KEYS, "tina.tier1", now.get() + 600);
        cache.parse(token);

        now.addAndGet(601);

        // Handed to the verifier again, which refuses it by the real clock only when it has really expired: here it
        // has not, so what matters is that the cache did not answer it.
        cache.parse(token);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatFailsIsNeverKept() {
        String forged = token(OTHER_KEYS, "tina.tier1", now.get() + 600);

        assertThatThrownBy(() -> cache.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(forged)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenThatDiffersInItsSignatureIsVerifiedAnew() throws ParseException {
        String token = token(KEYS, "tina.tier1", now.get() + 600);
        cache.parse(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "AB" : "AA");

        assertThatThrownBy(() -> cache.parse(tampered)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    private static JWTAuthContextInfo context() {
        return new JWTAuthContextInfo(KEYS.getPublic(), "itsm-directory");
    }

    private static String token(KeyPair keys, String subject, long expiresAt) {
        return Jwt.issuer("itsm-directory").subject(subject).groups("SERVICE_DESK_AGENT").expiresAt(expiresAt)
                .sign(keys.getPrivate());
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
