package dev.itsm.directory.access;

import dev.itsm.directory.domain.DemoDirectory;
import dev.itsm.directory.domain.DirectoryService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.testing.AccessProbes;
import dev.itsm.kit.testing.AccessProbes.ProbeClass;
import dev.itsm.kit.testing.PolicyDocument;
import dev.itsm.kit.testing.ProbeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The probe matrix of directory-service, from docs/access-policy.md, plus its property-level and rate-limit probes. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory-service"))
class DirectoryAccessProbeTest {
    @TestHTTPResource("/")
    URL base;

    @Inject
    DirectoryService directory;

    private final ProbeTokens tokens = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);
    private final String admin = tokens.person(DemoDirectory.personId("ada.admin").toString(), "DIRECTORY_ADMIN");

    private String createPerson(String role) {
        String username = "probe." + UUID.randomUUID().toString().substring(0, 8);
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "Probe " + username, "email", username + "@example.org",
                        "password", "a-long-password", "roles", List.of(Map.of("role", role))))
                .post("/api/people").then().statusCode(201).extract().path("id");
    }

    @Test
    void everyEndpointAnswersEveryRoleAndEveryBadTokenAsThePolicySays() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String person = createPerson("USER");
        String revokedPerson = createPerson("TECHNICIAN");
        String group = "probe-group-" + suffix;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", group, "name", "Probe group", "role", "TIER_2")).post("/api/groups").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("personIds", List.of(person)))
                .put("/api/groups/{code}/members", group).then().statusCode(200);
        String service = "probe-service-" + suffix;
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Probe service"))
                .put("/api/services/{code}", service).then().statusCode(200);

        // A token of a real person, refused once the directory revoked that person's tokens.
        String revoked = tokens.person(revokedPerson, "TECHNICIAN");
        given().auth().oauth2(revoked).get("/api/groups").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("subjectId", revokedPerson, "reason", "probe"))
                .post("/api/auth/revocations").then().statusCode(204);
        given().auth().oauth2(revoked).get("/api/groups").then().statusCode(401);

        Instant start = Instant.now().plus(Duration.ofDays(1));
        AccessProbes probes = new AccessProbes(base.toString(), "directory-service", PolicyDocument.load(), tokens)
                .record("{id}", person, new AccessProbes.Fixture(person, RecordScope.ownedBy(person)))
                .placeholder("{groupCode}", group)
                .placeholder("{serviceCode}", service)
                .placeholder("{clientId}", "cmdb-sync")
                .placeholder("{recordType}", "person")
                .placeholder("{recordId}", person)
                .placeholder("{role}", "SCRIBE")
                .placeholder("{shiftId}", java.util.UUID.randomUUID().toString())
                .list("GET /api/people", new AccessProbes.Fixture(person, RecordScope.ownedBy(person)))
                .query("GET /api/people", "size=200")
                .body("POST /api/people", "{\"username\":\"probe.p" + suffix + "\",\"displayName\":\"Probe\",\"roles\":[{\"role\":\"USER\"}]}")
                .body("PUT /api/people/{id}/roles", "{\"roles\":[{\"role\":\"USER\"}]}")
                .body("PUT /api/people/{id}/active", "{\"active\":true}")
                .body("POST /api/groups", "{\"code\":\"probe-g2-" + suffix + "\",\"name\":\"Probe\",\"role\":\"TIER_3\"}")
                .body("PUT /api/groups/{groupCode}/members", "{\"personIds\":[\"" + person + "\"]}")
                .body("PUT /api/services/{serviceCode}", "{\"name\":\"Probe service\"}")
                .body("POST /api/on-call/{groupCode}", "{\"personId\":\"" + person + "\",\"startsAt\":\"" + start
                        + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(8)) + "\"}")
                .body("PUT /api/integrations/{clientId}/active", "{\"active\":true}")
                .body("POST /api/auth/revocations", "{\"subjectId\":\"" + revokedPerson + "\",\"reason\":\"probe\"}")
                .everyBadToken("DIRECTORY_ADMIN", "incident-service", Files.readString(SuiteInfra.get().publicKey()), revoked)
                .run();

        propertyLevel(probes, person);
        rateLimits(probes);
        probes.assertAllAsDocumented();
    }

    /** Contact details only for the person and administrators; server-owned fields of a new person are the server's. */
    private void propertyLevel(AccessProbes probes, String person) {
        String staff = tokens.person(UUID.randomUUID().toString(), "INCIDENT_MANAGER");
        given().auth().oauth2(staff).get("/api/people/{id}", person).then().statusCode(200)
                .body("username", notNullValue()).body("email", nullValue()).body("channels", nullValue());
        probes.count(ProbeClass.PROPERTY_LEVEL, true);
        given().auth().oauth2(tokens.person(person, "USER")).get("/api/people/{id}", person).then().statusCode(200)
                .body("email", notNullValue());
        probes.count(ProbeClass.PROPERTY_LEVEL, false);
        given().auth().oauth2(admin).get("/api/people/{id}", person).then().statusCode(200).body("email", notNullValue());
        probes.count(ProbeClass.PROPERTY_LEVEL, false);
        assertThat(given().auth().oauth2(staff).queryParam("size", 200).get("/api/people").then().statusCode(200)
                .extract().body().asString()).doesNotContain("@example.org");
        probes.count(ProbeClass.PROPERTY_LEVEL, true);

        UUID chosenId = UUID.randomUUID();
        String username = "probe.own" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("id", chosenId, "username", username, "displayName", "Probe", "active", false, "version", 7,
                        "roles", List.of(Map.of("role", "USER"))))
                .post("/api/people").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.not(equalTo(chosenId.toString())))
                .body("active", equalTo(true)).body("version", equalTo(0));
        probes.count(ProbeClass.PROPERTY_LEVEL, true);
    }

    /** The token endpoints lock an account after repeated failures: 429 with Retry-After, before any password check. */
    private void rateLimits(AccessProbes probes) {
        String username = "probe.lock" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "Probe", "password", "the-right-password", "roles", List.of(Map.of("role", "USER"))))
                .post("/api/people").then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong-" + i))
                    .post("/api/auth/token").then().statusCode(401);
            probes.count(ProbeClass.RATE_LIMIT, false);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong-again"))
                .post("/api/auth/token").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        probes.count(ProbeClass.RATE_LIMIT, true);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "the-right-password"))
                .post("/api/auth/token").then().statusCode(429);
        probes.count(ProbeClass.RATE_LIMIT, true);
        // The lock lasts one second after the fifth failure and doubles with each further one.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "the-right-password"))
                        .post("/api/auth/token").then().statusCode(200));
        probes.count(ProbeClass.RATE_LIMIT, false);

        String clientId = "probe-lock-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "the-right-client-secret";
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> directory.ensureClient(
                    new DirectoryService.ClientDraft(clientId, secret, List.of("ALERT_SOURCE")), "test")));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic(clientId, "wrong-" + i).formParam("grant_type", "client_credentials")
                    .post("/api/auth/oauth2/token").then().statusCode(401);
            probes.count(ProbeClass.RATE_LIMIT, false);
        }
        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/api/auth/oauth2/token").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        probes.count(ProbeClass.RATE_LIMIT, true);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                        .post("/api/auth/oauth2/token").then().statusCode(200));
    }
}
