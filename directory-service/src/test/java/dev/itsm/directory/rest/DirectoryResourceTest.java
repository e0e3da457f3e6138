package dev.itsm.directory.rest;

import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.directory.domain.DemoDirectory;
import dev.itsm.directory.domain.DirectoryBootstrap;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory-service"))
class DirectoryResourceTest {
    private static final String PROBLEM_JSON = "application/problem+json";
    private final String admin = TestTokens.forPerson(DemoDirectory.personId("ada.admin").toString(), "DIRECTORY_ADMIN");

    @Inject
    DirectoryBootstrap bootstrap;

    private static String signIn(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(28800))
                .extract().path("access_token");
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void aDemoPersonSignsInWithTheirEffectiveRoles() {
        String token = signIn("sam.servicedesk", "demo");
        assertThat(claims(token)).contains("\"SERVICE_DESK_ANALYST\"").contains("\"SERVICE_DESK\"")
                .contains("\"iss\":\"itsm-directory\"").contains("\"sub\":\"" + DemoDirectory.personId("sam.servicedesk") + "\"");
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200)
                .body("username", equalTo("sam.servicedesk"))
                .body("effectiveRoles.role", hasItems("SERVICE_DESK_ANALYST", "SERVICE_DESK"));
        assertThat(claims(signIn("carl.cab", "demo"))).as("a CAB group member acts as CAB").contains("\"CAB\"");
    }

    @Test
    void wrongCredentialsAreOneAnswer() {
        for (Map<String, String> body : List.of(Map.of("username", "sam.servicedesk", "password", "nope"),
                Map.of("username", "nobody.here", "password", "demo"))) {
            given().contentType(ContentType.JSON).body(body).post("/api/auth/token").then()
                    .statusCode(401).contentType(PROBLEM_JSON).body("detail", equalTo("unknown name or wrong secret"));
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/token").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void integrationsSignInWithTheirScopes() {
        String token = given().contentType(ContentType.JSON).body(Map.of("clientId", "alertmanager", "clientSecret", "demo-alert-secret"))
                .post("/api/auth/integration-token").then().statusCode(200).extract().path("access_token");
        assertThat(claims(token)).contains("\"groups\":[\"ALERT_SOURCE\"]").contains("\"itsm_client\":true");
        given().contentType(ContentType.JSON).body(Map.of("clientId", "alertmanager", "clientSecret", "x"))
                .post("/api/auth/integration-token").then().statusCode(401);
    }

    @Test
    void onlyDirectoryAdministratorsWriteAndEveryWriteIsPublished() {
        String username = "new." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("username", username, "displayName", "New Person", "email", username + "@example.org",
                "password", "a-long-password", "roles", List.of(Map.of("role", "TECHNICIAN")), "groupCodes", List.of("payroll-tier2"));
        given().contentType(ContentType.JSON).body(body).post("/api/people").then().statusCode(401).contentType(PROBLEM_JSON);
        given().auth().oauth2(TestTokens.forPerson("x", "INCIDENT_MANAGER")).contentType(ContentType.JSON).body(body)
                .post("/api/people").then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "X", "roles", List.of(Map.of("role", "WIZARD"))))
                .post("/api/people").then().statusCode(422).contentType(PROBLEM_JSON);
        given().auth().oauth2(admin).queryParam("role", "TECHNICIAN").get("/api/people").then()
                .body("items.username", org.hamcrest.Matchers.not(hasItem(username)));

        String id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/people").then()
                .statusCode(201).body("version", equalTo(0)).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/people").then().statusCode(409);

        var records = TestKafka.awaitRecords(Topics.DIRECTORY_EVENTS, r -> DirectoryKeys.person(id).equals(r.key()), 1);
        ContractSchemas.assertValidEvent(records.get(0).value());
        assertThat(records.get(0).value()).contains("\"TIER_2\"").contains("\"serviceCode\":\"payroll\"");
        assertThat(claims(signIn(username, "a-long-password"))).contains("\"TECHNICIAN\"").contains("\"TIER_2\"");
    }

    @Test
    void theDemoDirectoryLoadsOnce() throws Throwable {
        assertThat(bootstrap.loadDemo()).isZero();
        given().auth().oauth2(admin).get("/api/services/payroll").then().statusCode(200)
                .body("ownerId", equalTo(DemoDirectory.personId("olive.owner").toString()))
                .body("tier1Group", equalTo("service-desk"));
        given().auth().oauth2(admin).get("/api/on-call/service-desk").then().statusCode(200)
                .body("username", hasItems("sam.servicedesk", "tina.tier1"));
        given().auth().oauth2(admin).get("/api/groups").then().statusCode(200).body("code", hasItems("cab", "problem-resolution"));
    }

    @Test
    void onCallShiftsArePublishedWhenAddedAndWhenRemoved() {
        String tom = DemoDirectory.personId("tom.tier2").toString();
        java.time.Instant start = java.time.Instant.parse("2030-01-01T08:00:00Z").plusSeconds(new java.util.Random().nextInt(1_000_000));
        Map<String, Object> shift = Map.of("personId", tom, "startsAt", start.toString(), "endsAt", start.plusSeconds(3600).toString());
        given().auth().oauth2(TestTokens.forPerson(tom, "TECHNICIAN")).contentType(ContentType.JSON).body(shift)
                .post("/api/on-call/payroll-tier2").then().statusCode(403).contentType(PROBLEM_JSON);
        String shiftId = given().auth().oauth2(admin).contentType(ContentType.JSON).body(shift)
                .post("/api/on-call/payroll-tier2").then().statusCode(201).extract().path("id");

        var added = TestKafka.awaitRecords(Topics.DIRECTORY_EVENTS, r -> DirectoryKeys.onCall(shiftId).equals(r.key()), 1);
        ContractSchemas.assertValidEvent(added.get(0).value());
        assertThat(added.get(0).value()).contains("\"groupCode\":\"payroll-tier2\"").contains("\"active\":true");

        given().auth().oauth2(admin).delete("/api/on-call/service-desk/shifts/{id}", shiftId).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(admin).delete("/api/on-call/payroll-tier2/shifts/{id}", shiftId).then().statusCode(204);
        var removed = TestKafka.awaitRecords(Topics.DIRECTORY_EVENTS, r -> DirectoryKeys.onCall(shiftId).equals(r.key()), 2);
        ContractSchemas.assertValidEvent(removed.get(1).value());
        assertThat(removed.get(1).value()).contains("\"active\":false").contains("\"version\":2");
    }

    @Test
    void theRoleCatalogIsPublicAndPublished() {
        given().get("/api/roles").then().statusCode(200).body("size()", greaterThanOrEqualTo(50))
                .body("code", hasItems("PROBLEM_MANAGER", "SERVICE_DESK", "TIER_3", "CAB", "SCRIBE"));
        given().get("/api/roles/INCIDENT_MANAGER").then().statusCode(200).body("responsibilities.size()", greaterThanOrEqualTo(1));
        given().get("/api/roles/NOPE").then().statusCode(404).contentType(PROBLEM_JSON);
        var records = TestKafka.awaitRecords(Topics.DIRECTORY_EVENTS, r -> DirectoryKeys.role("SCRIBE").equals(r.key()), 1);
        ContractSchemas.assertValidEvent(records.get(0).value());
        given().get("/api/auth/jwks").then().statusCode(200).body("keys[0].kty", equalTo("RSA")).body("keys[0].n", notNullValue());
    }
}
