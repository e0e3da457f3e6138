package dev.itsm.directory.rest;

import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.TokenIssuer;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@jakarta.ws.rs.Path("/api/auth")
@Tag(name = "Sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private final TokenIssuer issuer;
    private final DirectoryService directory;
    private final CurrentActor actor;
    private final KitConfig kit;

    AuthResource(TokenIssuer issuer, DirectoryService directory, CurrentActor actor, KitConfig kit) {
        this.issuer = issuer;
        this.directory = directory;
        this.actor = actor;
        this.kit = kit;
    }

    @POST
    @jakarta.ws.rs.Path("token")
    @PermitAll
    @WithSession
    @Operation(summary = "Sign a person in; the token's groups are their effective role codes")
    public Uni<Views.TokenView> token(@Valid @NotNull Requests.SignIn request) {
        return issuer.signIn(request.username(), request.password())
                .map(t -> new Views.TokenView(t.accessToken(), "Bearer", t.expiresIn()));
    }

    @POST
    @jakarta.ws.rs.Path("integration-token")
    @PermitAll
    @WithSession
    @Operation(summary = "Sign an integration (monitoring tool, other system) in; the token's groups are its scopes")
    public Uni<Views.TokenView> integrationToken(@Valid @NotNull Requests.IntegrationSignIn request) {
        return issuer.signInIntegration(request.clientId(), request.clientSecret())
                .map(t -> new Views.TokenView(t.accessToken(), "Bearer", t.expiresIn()));
    }

    @GET
    @jakarta.ws.rs.Path("me")
    @Authenticated
    @WithSession
    @Operation(summary = "The signed-in person and their effective roles")
    public Uni<Views.Me> me() {
        UUID id;
        try {
            id = UUID.fromString(actor.get().id());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("person", actor.get().id());
        }
        return directory.person(id).chain(person -> directory.effectiveRoles(person)
                .map(roles -> new Views.Me(person.id, person.username, person.displayName, roles, person.groups())));
    }

    @GET
    @jakarta.ws.rs.Path("jwks")
    @PermitAll
    @Operation(summary = "The public key that verifies every token, as a JSON Web Key Set")
    public Map<String, Object> jwks() throws Exception {
        String pem = Files.readString(java.nio.file.Path.of(kit.jwt().publicKey()));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        return Map.of("keys", List.of(Map.of("kty", "RSA", "use", "sig", "alg", "RS256",
                "n", base64url(key.getModulus()), "e", base64url(key.getPublicExponent()))));
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
