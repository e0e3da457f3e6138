package dev.itsm.notification.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A receiver's check of a webhook, written from the Standard Webhooks 1.0 text and nothing else: the signed
 * content is {@code msg_id.timestamp.payload}; the key is the base64 secret after the {@code whsec_} prefix;
 * the signature header is a space-delimited list of {@code version,signature}; only {@code v1} (HMAC-SHA256,
 * base64) counts; a timestamp outside the tolerance is refused; signatures compare in constant time.
 */
public final class StandardWebhooksVerifier {
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhooksVerifier() {
    }

    /** True when one of the header's v1 signatures was made with this secret. */
    public static boolean verify(String secret, Map<String, String> headers, String payload, Instant now) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long sentAt = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - sentAt) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected;
        try {
            String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            expected = hmac.doFinal((id + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String versioned : signatures.split(" ")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given = Base64.getDecoder().decode(versioned.substring(comma + 1));
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    public static int signatureCount(Map<String, String> headers) {
        String signatures = headers.get("webhook-signature");
        return signatures == null ? 0 : signatures.split(" ").length;
    }
}
