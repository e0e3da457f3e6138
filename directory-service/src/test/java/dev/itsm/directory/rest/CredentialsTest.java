package dev.itsm.directory.rest;

import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.directory.domain.DemoDirectory;
import dev.itsm.directory.domain.DirectoryBootstrap;
import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Tokens that say what they are for, renew by OAuth, can be revoked, and come from a bootstrap that is safe by default. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory-service"))
class CredentialsTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private final String admin = TestTokens.forPerson(DemoDirectory.personId("ada.admin").toString(), "DIRECTORY_ADMIN");

    @Inject
    DirectoryService directory;

    @Inject
    DirectoryBootstrap bootstrap;

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String signIn(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void aPersonsTokenCarriesEachRoleWithItsServiceAndGroupTheAudienceAndAnId() {
        String claims = claims(signIn("tom.tier2", "demo"));
        assertThat(claims).contains("{\"role\":\"TIER_2\",\"serviceCode\":\"payroll\",\"groupCode\":\"payroll-tier2\"}")
                .contains("{\"role\":\"TIER_2\",\"groupCode\":\"infra-tier2\"}")
                .contains("\"aud\":[\"incident-service\",\"problem-service\",\"change-service\",\"directory-service\",\"notification-service\"]")
                .contains("\"jti\":\"").contains("\"iat\":");
        assertThat(claims(signIn("olive.owner", "demo"))).contains("{\"role\":\"SERVICE_OWNER\",\"serviceCode\":\"payroll\"}")
                .contains("{\"role\":\"SERVICE_OWNER\",\"serviceCode\":\"email\"}");
    }

    @Test
    void alertmanagerFetchesItsTokenWithTheClientCredentialsGrant() {
        var basic = given().auth().preemptive().basic("alertmanager", "demo-alert-secret")
                .formParam("grant_type", "client_credentials").post("/api/auth/oauth2/token").then().statusCode(200)
                .header("Cache-Control", "no-store").body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600))
                .body("scope", equalTo("ALERT_SOURCE")).extract().<String>path("access_token");
        assertThat(claims(basic)).containsPattern("\"aud\":\\[?\"incident-service\"\\]?").contains("\"itsm_client\":true")
                .contains("\"groups\":[\"ALERT_SOURCE\"]");
        // An integration's token is not for directory-service: it reads nothing here.
        given().auth().oauth2(basic).get("/api/services").then().statusCode(401).contentType(PROBLEM_JSON);

        given().formParam("grant_type", "client_credentials").formParam("client_id", "alertmanager")
                .formParam("client_secret", "demo-alert-secret").formParam("scope", "ALERT_SOURCE")
                .post("/api/auth/oauth2/token").then().statusCode(200).body("access_token", notNullValue());
        // RFC 6749 2.3.1: id and secret are form-encoded before Base64, as Go's oauth2 library sends them.
        String encoded = Base64.getEncoder().encodeToString((URLEncoder.encode("alertmanager", StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode("demo-alert-secret", StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Basic " + encoded).formParam("grant_type", "client_credentials")
                .post("/api/auth/oauth2/token").then().statusCode(200);
    }

    @Test
    void tokenEndpointErrorsFollowRfc6749() {
        given().auth().preemptive().basic("alertmanager", "wrong").formParam("grant_type", "client_credentials")
                .post("/api/auth/oauth2/token").then().statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", "Basic realm=\"itsm\"").body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").formParam("client_id", "nobody").formParam("client_secret", "x")
                .post("/api/auth/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").post("/api/auth/oauth2/token").then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        given().auth().preemptive().basic("alertmanager", "demo-alert-secret").formParam("grant_type", "password")
                .post("/api/auth/oauth2/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().auth().preemptive().basic("alertmanager", "demo-alert-secret").formParam("scope", "ALERT_SOURCE")
                .post("/api/auth/oauth2/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().preemptive().basic("alertmanager", "demo-alert-secret").formParam("grant_type", "client_credentials")
                .formParam("client_id", "alertmanager").formParam("client_secret", "demo-alert-secret")
                .post("/api/auth/oauth2/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().preemptive().basic("alertmanager", "demo-alert-secret").formParam("grant_type", "client_credentials")
                .formParam("scope", "ALERT_SOURCE DIRECTORY_ADMIN").post("/api/auth/oauth2/token").then().statusCode(400)
                .body("error", equalTo("invalid_scope"));
        // The JSON endpoint stays, with problem+json errors.
        given().contentType(ContentType.JSON).body(Map.of("clientId", "alertmanager", "clientSecret", "demo-alert-secret"))
                .post("/api/auth/integration-token").then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void signingOutRevokesTheTokenAndDeactivatingAPersonRevokesAllTheirTokens() {
        String username = "rev." + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "Revoke Me", "password", "a-long-password",
                        "roles", List.of(Map.of("role", "TECHNICIAN"))))
                .post("/api/people").then().statusCode(201).extract().path("id");
        String first = signIn(username, "a-long-password");
        String second = signIn(username, "a-long-password");
        given().auth().oauth2(first).post("/api/auth/sign-out").then().statusCode(204);
        given().auth().oauth2(first).get("/api/auth/me").then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(second).get("/api/auth/me").then().statusCode(200);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", false))
                .put("/api/people/{id}/active", id).then().statusCode(200);
        given().auth().oauth2(second).get("/api/auth/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "a-long-password"))
                .post("/api/auth/token").then().statusCode(401);
        var revocation = TestKafka.awaitRecords(Topics.DIRECTORY_EVENTS, r -> DirectoryKeys.revokedSubject(id).equals(r.key()), 1).get(0);
        ContractSchemas.assertValidEvent(revocation.value());
        // Active again: a new token works, the old ones stay revoked.
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", true))
                .put("/api/people/{id}/active", id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().auth().oauth2(signIn(username, "a-long-password")).get("/api/auth/me").then().statusCode(200));
        given().auth().oauth2(second).get("/api/auth/me").then().statusCode(401);
        given().auth().oauth2(admin).get("/api/audit/person/{id}/verify", id).then().statusCode(200)
                .body("intact", equalTo(true)).body("entries", equalTo(5));
    }

    @Test
    void aSwitchedOffIntegrationGetsNoTokenAndItsTokensAreRevoked() {
        String clientId = "probe-client-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "a-secret-of-sixteen-or-more";
        subscribe(() -> Panache.withTransaction(() -> directory.ensureClient(
                new DirectoryService.ClientDraft(clientId, secret, List.of("INCIDENT_SOURCE")), "test")));
        String token = given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/api/auth/oauth2/token").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("active", false))
                .put("/api/integrations/{id}/active", clientId).then().statusCode(200).body("active", equalTo(false));
        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/api/auth/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        var revocation = TestKafka.awaitRecords(Topics.DIRECTORY_EVENTS, r -> DirectoryKeys.revokedSubject(clientId).equals(r.key()), 1);
        assertThat(revocation.get(0).value()).contains("\"subjectKind\":\"INTEGRATION\"");
        assertThat(token).isNotBlank();
        given().auth().oauth2(admin).get("/api/integrations").then().statusCode(200)
                .body("find { it.clientId == '" + clientId + "' }.scopes", equalTo(List.of("INCIDENT_SOURCE")));
    }

    @Test
    void theBootstrapIsIdempotentAndRefusesWeakOrWrongClients() {
        String name = "admin." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(subscribe(() -> Panache.withTransaction(() -> directory.ensureAdministrator(name, "a-first-admin-password")))).isTrue();
        assertThat(subscribe(() -> Panache.withTransaction(() -> directory.ensureAdministrator(name, "another-password-now")))).isFalse();
        assertThat(claims(signIn(name, "a-first-admin-password"))).contains("\"DIRECTORY_ADMIN\"");

        String clientId = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        var draft = new DirectoryService.ClientDraft(clientId, "sixteen-chars-secret", List.of("ALERT_SOURCE"));
        assertThat(subscribe(() -> Panache.withTransaction(() -> directory.ensureClient(draft, "bootstrap")))).isTrue();
        assertThat(subscribe(() -> Panache.withTransaction(() -> directory.ensureClient(draft, "bootstrap")))).as("restart").isFalse();
        String before = given().auth().preemptive().basic(clientId, "sixteen-chars-secret").formParam("grant_type", "client_credentials")
                .post("/api/auth/oauth2/token").then().statusCode(200).extract().path("access_token");
        var rotated = new DirectoryService.ClientDraft(clientId, "a-new-rotated-secret", List.of("ALERT_SOURCE"));
        assertThat(subscribe(() -> Panache.withTransaction(() -> directory.ensureClient(rotated, "bootstrap")))).isTrue();
        given().auth().preemptive().basic(clientId, "sixteen-chars-secret").formParam("grant_type", "client_credentials")
                .post("/api/auth/oauth2/token").then().statusCode(401);
        TestKafka.awaitRecords(Topics.DIRECTORY_EVENTS, r -> DirectoryKeys.revokedSubject(clientId).equals(r.key()), 1);
        assertThat(before).isNotBlank();

        assertThat(bootstrap.parseClients("[{\"clientId\":\"alertmanager\",\"secret\":\"0123456789abcdef\",\"scopes\":[\"ALERT_SOURCE\"]}]"))
                .hasSize(1);
        assertThatThrownBy(() -> bootstrap.parseClients("{}")).hasMessageContaining("ITSM_DIRECTORY_BOOTSTRAP_CLIENTS");
        assertThatThrownBy(() -> bootstrap.parseClients("[{\"clientId\":\"x1\",\"secret\":\"short\",\"scopes\":[\"ALERT_SOURCE\"]}]"))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> bootstrap.parseClients("[{\"clientId\":\"x1\",\"secret\":\"0123456789abcdef\",\"scopes\":[\"DIRECTORY_ADMIN\"]}]"))
                .hasMessageContaining("ALERT_SOURCE");
    }

    @Test
    void passwordChecksRunInParallelOffTheEventLoop() throws Exception {
        int signIns = 8;
        String[] people = {"sam.servicedesk", "tina.tier1", "tom.tier2", "terry.tier3", "ivan.incident", "pat.problem",
                "chris.change", "carl.cab"};
        // The same eight one after another, just before, so that both measures see the same machine load.
        long serialStart = System.nanoTime();
        for (String person : people) {
            signIn(person, "demo");
        }
        long serial = System.nanoTime() - serialStart;
        ExecutorService callers = Executors.newFixedThreadPool(signIns);
        try {
            long start = System.nanoTime();
            List<CompletableFuture<Integer>> all = new ArrayList<>();
            for (String person : people) {
                all.add(CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("username", person, "password", "demo")).post("/api/auth/token").statusCode(), callers));
            }
            assertThat(all.stream().map(CompletableFuture::join)).containsOnly(200);
            long burst = System.nanoTime() - start;
            // Eight at once must take less time than eight one after another (they would not, on one event loop).
            assertThat(burst).as("8 sign-ins at once took %d ms, one after another %d ms", burst / 1_000_000, serial / 1_000_000)
                    .isLessThan(serial);
        } finally {
            callers.shutdownNow();
        }
    }

    private static <T> T subscribe(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
