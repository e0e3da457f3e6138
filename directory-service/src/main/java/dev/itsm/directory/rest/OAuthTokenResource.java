package dev.itsm.directory.rest;

import dev.itsm.directory.domain.TokenIssuer;
import dev.itsm.kit.domain.ApiProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The OAuth 2.0 token endpoint for the client credentials grant (RFC 6749 section 4.4), so that Alertmanager's
 * {@code http_config.oauth2} and other OAuth clients fetch and renew their tokens by themselves. The client
 * authenticates with HTTP Basic (section 2.3.1, id and secret form-encoded) or with client_id/client_secret in the
 * body, never both. Errors follow section 5.2; too many attempts get 429 problem+json with Retry-After.
 */
@Path("/api/auth/oauth2/token")
@Tag(name = "Sign-in")
public class OAuthTokenResource {
    static final String CLIENT_CREDENTIALS = "client_credentials";

    private final TokenIssuer issuer;

    OAuthTokenResource(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @POST
    @PermitAll
    @WithSession
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OAuth 2.0 client credentials grant: form grant_type=client_credentials, client authentication by HTTP Basic or form")
    public Uni<Response> token(@FormParam("grant_type") String grantType, @FormParam("scope") String scope,
                               @FormParam("client_id") String formClientId, @FormParam("client_secret") String formSecret,
                               @HeaderParam("Authorization") String authorization, @Context HttpServerRequest http) {
        boolean headerAuth = authorization != null && !authorization.isBlank();
        boolean formAuth = formClientId != null || formSecret != null;
        if (headerAuth && formAuth) {
            return error(400, "invalid_request", "use one client authentication method: HTTP Basic or client_id/client_secret", false);
        }
        if (grantType == null || grantType.isBlank()) {
            return error(400, "invalid_request", "grant_type is required", false);
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            return error(400, "unsupported_grant_type", "only client_credentials is supported", false);
        }
        String[] credentials = headerAuth ? basic(authorization) : new String[]{formClientId, formSecret};
        if (credentials == null || isBlank(credentials[0]) || isBlank(credentials[1])) {
            return error(401, "invalid_client", "client authentication is required", headerAuth);
        }
        Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.strip().split("\\s+")));
        return issuer.signInIntegration(credentials[0], credentials[1], scopes, ClientAddress.of(http))
                .map(token -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("access_token", token.accessToken());
                    body.put("token_type", "Bearer");
                    body.put("expires_in", token.expiresIn());
                    body.put("scope", String.join(" ", token.roles()));
                    return noStore(Response.ok(body, MediaType.APPLICATION_JSON_TYPE)).build();
                })
                .onFailure(TokenIssuer.InvalidScope.class).recoverWithUni(e -> error(400, "invalid_scope", e.getMessage(), false))
                .onFailure(OAuthTokenResource::signInFailed).recoverWithUni(e -> error(401, "invalid_client",
                        "client authentication failed", headerAuth));
    }

    private static boolean signInFailed(Throwable e) {
        return e instanceof ApiProblem problem && problem.status() == 401;
    }

    /** id and secret of an HTTP Basic header, each form-decoded as RFC 6749 section 2.3.1 asks; null if not Basic. */
    static String[] basic(String authorization) {
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new String[]{URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Uni<Response> error(int status, String code, String description, boolean basicAttempted) {
        Response.ResponseBuilder response = noStore(Response.status(status)
                .entity(Map.of("error", code, "error_description", description)).type(MediaType.APPLICATION_JSON_TYPE));
        if (status == 401) {
            // RFC 6749 5.2: a client that tried HTTP Basic gets 401 with the scheme; a client that sent its secret in the
            // form learns which scheme is preferred.
            response.header("WWW-Authenticate", "Basic realm=\"itsm\"");
        }
        return Uni.createFrom().item(response.build());
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
