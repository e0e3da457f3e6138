package dev.itsm.infra;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tokens as directory-service issues them (RS256, same issuer and claims), signed with the suite's key. */
public final class TestTokens {
    public static final String ISSUER = "itsm-directory";
    /** Every service accepts only tokens whose {@code aud} names it; test tokens name them all. */
    public static final List<String> AUDIENCE = List.of("incident-service", "problem-service", "change-service",
            "directory-service", "notification-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {
    }

    /** A person: sub = person id, groups = role codes. */
    public static String forPerson(String personId, String... roleCodes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", personId);
        claims.put("upn", personId);
        claims.put("groups", List.of(roleCodes));
        return sign(claims);
    }

    /** An integration: sub = client id, groups = its scopes. */
    public static String forIntegration(String clientId, String... scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", clientId);
        claims.put("upn", clientId);
        claims.put("groups", List.of(scopes));
        claims.put("itsm_client", true);
        return sign(claims);
    }

    private static String sign(Map<String, Object> claims) {
        long now = Instant.now().getEpochSecond();
        claims.put("iss", ISSUER);
        claims.putIfAbsent("aud", AUDIENCE);
        claims.put("jti", java.util.UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        try {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = base64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(SuiteInfra.get().keys().loadPrivateKey());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64.encodeToString(signature.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }
}
