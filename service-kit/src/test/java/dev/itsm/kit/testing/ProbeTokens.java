package dev.itsm.kit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.kit.security.ScopedRole;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens for probing: as directory-service issues them (RS256, groups, itsm_roles, aud, jti), and the bad ones an
 * attacker would try — expired, signed with another key, unsigned (alg none), HMAC-signed with the public key, for
 * another audience, from another issuer.
 */
public final class ProbeTokens {
    public static final List<String> ALL_SERVICES = List.of("incident-service", "problem-service", "change-service",
            "directory-service", "notification-service");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;

    public ProbeTokens(PrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** A person with these roles, each held as given (service, group); for every service. */
    public String person(String subject, List<ScopedRole> roles) {
        Map<String, Object> claims = base(subject, ALL_SERVICES, 3600);
        Set<String> codes = new LinkedHashSet<>();
        roles.forEach(r -> codes.add(r.role()));
        claims.put("groups", List.copyOf(codes));
        claims.put("itsm_roles", roles.stream().map(r -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("role", r.role());
            if (r.serviceCode() != null) {
                entry.put("serviceCode", r.serviceCode());
            }
            if (r.groupCode() != null) {
                entry.put("groupCode", r.groupCode());
            }
            return entry;
        }).toList());
        return rs256(claims);
    }

    /** A person holding one role for every service. */
    public String person(String subject, String role) {
        return person(subject, List.of(ScopedRole.global(role)));
    }

    /** An integration with these scopes, for these services. */
    public String integration(String clientId, Set<String> scopes, List<String> audience) {
        Map<String, Object> claims = base(clientId, audience, 3600);
        claims.put("groups", List.copyOf(scopes));
        claims.put("itsm_roles", scopes.stream().map(s -> Map.of("role", s)).toList());
        claims.put("itsm_client", true);
        return rs256(claims);
    }

    public String expired(String role) {
        Map<String, Object> claims = base(UUID.randomUUID().toString(), ALL_SERVICES, -600);
        claims.put("iat", Instant.now().minusSeconds(4200).getEpochSecond());
        claims.put("groups", List.of(role));
        return rs256(claims);
    }

    public String signedWithAnotherKey(String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return rs256(withGroups(base(UUID.randomUUID().toString(), ALL_SERVICES, 3600), role),
                    generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String unsigned(String role) {
        return B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(json(withGroups(base(UUID.randomUUID().toString(), ALL_SERVICES, 3600), role))) + ".";
    }

    /** The classic algorithm confusion: HS256 with the RSA public key's PEM text as the HMAC secret. */
    public String hmacWithPublicKey(String role, String publicKeyPem) {
        String signingInput = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(json(withGroups(base(UUID.randomUUID().toString(), ALL_SERVICES, 3600), role)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKeyPem.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String forAudience(String role, String audience) {
        return rs256(withGroups(base(UUID.randomUUID().toString(), List.of(audience), 3600), role));
    }

    public String fromIssuer(String role, String otherIssuer) {
        Map<String, Object> claims = withGroups(base(UUID.randomUUID().toString(), ALL_SERVICES, 3600), role);
        claims.put("iss", otherIssuer);
        return rs256(claims);
    }

    /** Any claims, signed properly (for a token with a known id or issue time). */
    public String signed(Map<String, Object> claims) {
        return rs256(new LinkedHashMap<>(claims));
    }

    public Map<String, Object> base(String subject, List<String> audience, long lifetimeSeconds) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("aud", audience);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("exp", now + lifetimeSeconds);
        return claims;
    }

    private static Map<String, Object> withGroups(Map<String, Object> claims, String role) {
        claims.put("groups", List.of(role));
        return claims;
    }

    private String rs256(Map<String, Object> claims) {
        return rs256(claims, key);
    }

    private static String rs256(Map<String, Object> claims, PrivateKey signingKey) {
        String signingInput = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(json(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
