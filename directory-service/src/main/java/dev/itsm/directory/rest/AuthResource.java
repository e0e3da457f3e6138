package dev.itsm.directory.rest;

import dev.itsm.contracts.directory.CredentialKind;
import dev.itsm.directory.config.DirectoryConfig;
import dev.itsm.directory.domain.CredentialRevocations;
import dev.itsm.directory.domain.DirectoryAccess;
import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.IntegrationClient;
import dev.itsm.directory.domain.Person;
import dev.itsm.directory.domain.TokenIssuer;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.RevocationList;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
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
    private final CredentialRevocations revocations;
    private final RevocationList revocationList;
    private final CurrentActor actor;
    private final JsonWebToken jwt;
    private final KitConfig kit;
    private final DirectoryConfig config;

    AuthResource(TokenIssuer issuer, DirectoryService directory, CredentialRevocations revocations, RevocationList revocationList,
                 CurrentActor actor, JsonWebToken jwt, KitConfig kit, DirectoryConfig config) {
        this.config = config;
        this.issuer = issuer;
        this.directory = directory;
        this.revocations = revocations;
        this.revocationList = revocationList;
        this.actor = actor;
        this.jwt = jwt;
        this.kit = kit;
    }

    @POST
    @jakarta.ws.rs.Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @WithSession
    @Operation(summary = "Sign a person in; the token carries their roles with the service and group each is held for")
    public Uni<Views.TokenView> token(@Valid @NotNull Requests.SignIn request, @Context HttpServerRequest http) {
        return issuer.signIn(request.username(), request.password(), ClientAddress.of(http))
                .map(t -> new Views.TokenView(t.accessToken(), "Bearer", t.expiresIn()));
    }

    @POST
    @jakarta.ws.rs.Path("integration-token")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @WithSession
    @Operation(summary = "Sign an integration in with JSON; OAuth 2.0 clients use POST /api/auth/oauth2/token")
    public Uni<Views.TokenView> integrationToken(@Valid @NotNull Requests.IntegrationSignIn request, @Context HttpServerRequest http) {
        return issuer.signInIntegration(request.clientId(), request.clientSecret(), null, ClientAddress.of(http))
                .map(t -> new Views.TokenView(t.accessToken(), "Bearer", t.expiresIn()));
    }

    @GET
    @jakarta.ws.rs.Path("me")
    @Authenticated
    @WithSession
    @Operation(summary = "The signed-in person and their effective roles")
    public Uni<Views.Me> me() {
        var caller = actor.get();
        DirectoryAccess.POLICY.require(caller, DirectoryAccess.READ_SELF, RecordScope.ownedBy(caller.id()));
        UUID id;
        try {
            id = UUID.fromString(caller.id());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("person", caller.id());
        }
        return directory.person(id).chain(person -> directory.effectiveRoles(person)
                .map(roles -> new Views.Me(person.id, person.username, person.displayName, roles, person.groups())));
    }

    @POST
    @jakarta.ws.rs.Path("sign-out")
    @Authenticated
    @Operation(summary = "Revoke the token this request carries, in every service")
    public Uni<Response> signOut() {
        String subject = jwt.getSubject();
        DirectoryAccess.POLICY.require(actor.get(), DirectoryAccess.SIGN_OUT, RecordScope.ownedBy(subject));
        CredentialKind kind = actor.get().isIntegration() ? CredentialKind.INTEGRATION : CredentialKind.PERSON;
        return Panache.withTransaction(() -> revocations.revokeToken(jwt.getTokenID(), subject, kind,
                        Instant.ofEpochSecond(jwt.getExpirationTime()), "signed out", subject))
                .chain(revocationList::refresh)
                .replaceWith(Response.noContent().build());
    }

    @POST
    @jakarta.ws.rs.Path("revocations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Revoke every token of a person or integration, or one token by its id (directory administrators)")
    public Uni<Response> revoke(@Valid @NotNull Requests.Revocation body) {
        var caller = actor.get();
        DirectoryAccess.POLICY.require(caller, DirectoryAccess.REVOKE_CREDENTIALS, RecordScope.NONE);
        // A token never outlives the longest token lifetime, so its revocation need not either.
        Instant tokenExpiry = Instant.now().plus(config.personTokenTtl().compareTo(config.integrationTokenTtl()) > 0
                ? config.personTokenTtl() : config.integrationTokenTtl());
        return Panache.withTransaction(() -> subjectKind(body.subjectId()).chain(kind -> body.tokenId() == null
                        ? revocations.revokeAll(body.subjectId(), kind, body.reason(), caller.id())
                        : revocations.revokeToken(body.tokenId(), body.subjectId(), kind, tokenExpiry, body.reason(), caller.id())))
                .chain(revocationList::refresh)
                .replaceWith(Response.noContent().build());
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

    /** A person (by id) or an integration client (by client id); 404 when neither. */
    private Uni<CredentialKind> subjectKind(String subjectId) {
        Uni<Person> person;
        try {
            person = Person.findById(UUID.fromString(subjectId));
        } catch (IllegalArgumentException notAUuid) {
            person = Uni.createFrom().nullItem();
        }
        return person.chain(found -> found != null ? Uni.createFrom().item(CredentialKind.PERSON)
                : IntegrationClient.<IntegrationClient>findById(subjectId).map(client -> {
                    if (client == null) {
                        throw ApiProblem.notFound("person or integration client", subjectId);
                    }
                    return CredentialKind.INTEGRATION;
                }));
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
