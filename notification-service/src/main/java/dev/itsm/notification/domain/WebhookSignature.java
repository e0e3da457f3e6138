package dev.itsm.notification.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks 1.0 signing: the content signed is {@code <webhook-id>.<webhook-timestamp>.<body>}, with
 * HMAC-SHA256 keyed by the base64 part of a {@code whsec_} secret; the header lists {@code v1,<base64>} per
 * secret, separated by spaces, so that during a rotation both the old and the new secret sign.
 */
public final class WebhookSignature {
    public static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** 32 random bytes (the spec asks for 24 to 64). */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String sign(String secret, String messageId, long timestamp, String body) {
        String encodedKey = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encodedKey), "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The webhook-signature header for every secret that currently signs, the newest first. */
    public static String header(List<String> secrets, String messageId, long timestamp, String body) {
        return secrets.stream().map(secret -> sign(secret, messageId, timestamp, body)).collect(Collectors.joining(" "));
    }
}
