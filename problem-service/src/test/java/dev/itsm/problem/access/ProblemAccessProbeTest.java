package dev.itsm.problem.access;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestKafka;
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

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The probe matrix of problem-service, from docs/access-policy.md, plus property-level and write rate-limit probes. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "problem-service"))
public class ProblemAccessProbeTest {
    @TestHTTPResource("/")
    URL base;

    private final ProbeTokens tokens = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);

    /** A person in this service's directory copy, as the directory would publish them. */
    public static void publishPerson(String personId, String role, String serviceCode) {
        Map<String, Object> assignment = serviceCode == null ? Map.of("role", role) : Map.of("role", role, "serviceCode", serviceCode);
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.person(personId), ContractSchemas.exampleEvent(EventTypes.DIRECTORY_PERSON,
                DirectoryKeys.person(personId), Map.of("personId", personId, "username", "p-" + personId, "active", true,
                        "roles", List.of(assignment), "groupCodes", List.of(), "version", 1)));
    }

    /** Revokes every token of the subject through the directory topic, as directory-service does. */
    public static void publishRevocation(String subjectId) {
        Instant now = Instant.now();
        String key = DirectoryKeys.revokedSubject(subjectId);
        TestKafka.send(Topics.DIRECTORY_EVENTS, key, ContractSchemas.exampleEvent(EventTypes.DIRECTORY_CREDENTIAL_REVOKED, key,
                Map.of("subjectId", subjectId, "subjectKind", "PERSON", "notBefore", now, "revokedAt", now, "version", now.toEpochMilli())));
    }

    @Test
    void everyEndpointAnswersEveryRoleAndEveryBadTokenAsThePolicySays() throws Exception {
        String service = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        String requester = "req-" + UUID.randomUUID();
        String owner = UUID.randomUUID().toString();
        String manager = tokens.person("pm-" + UUID.randomUUID(), "PROBLEM_MANAGER");
        publishPerson(owner, "PROBLEM_OWNER", service);
        String problem = given().auth().oauth2(tokens.person(requester, "INCIDENT_MANAGER")).contentType(ContentType.JSON)
                .body(Map.of("title", "Probe problem", "serviceCode", service)).post("/api/problems")
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("ownerId", owner)).post("/api/problems/{id}/assign", problem).then().statusCode(200)
                .body("ownerId", equalTo(owner)));

        String revokedSubject = "revoked-" + UUID.randomUUID();
        String revoked = tokens.person(revokedSubject, "PROBLEM_MANAGER");
        given().auth().oauth2(revoked).get("/api/problems/{id}", problem).then().statusCode(200);
        publishRevocation(revokedSubject);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(revoked).get("/api/problems/{id}", problem).then().statusCode(401));

        AccessProbes.Fixture fixture = new AccessProbes.Fixture(problem, new RecordScope(service, null, null, owner, requester));
        AccessProbes probes = new AccessProbes(base.toString(), "problem-service", PolicyDocument.load(), tokens)
                .record("{id}", problem, fixture)
                .placeholder("{recordType}", "problem")
                .placeholder("{recordId}", problem)
                .list("GET /api/problems", fixture)
                .query("GET /api/problems", "serviceCode=" + service + "&size=200")
                .body("POST /api/problems", "{\"title\":\"Probe\",\"serviceCode\":\"" + service + "\"}")
                .everyBadToken("PROBLEM_MANAGER", "change-service", Files.readString(SuiteInfra.get().publicKey()), revoked)
                .run();

        propertyLevel(probes, service);
        writeRateLimit(probes);
        probes.assertAllAsDocumented();
    }

    /** Status, owner, origin, who raised it and timestamps are the server's, whatever the body says. */
    private void propertyLevel(AccessProbes probes, String service) {
        String raiser = "sd-" + UUID.randomUUID();
        var created = given().auth().oauth2(tokens.person(raiser, "SERVICE_DESK_ANALYST")).contentType(ContentType.JSON)
                .body(Map.of("title", "Probe", "serviceCode", service, "status", "CLOSED", "ownerId", "someone",
                        "raisedBy", "someone-else", "origin", "CLUSTERING", "raisedAt", "2001-01-01T00:00:00Z",
                        "closedAt", "2001-01-02T00:00:00Z", "version", 9))
                .post("/api/problems").then().statusCode(201)
                .body("status", equalTo("NEW")).body("ownerId", nullValue()).body("raisedBy", equalTo(raiser))
                .body("origin", equalTo("MANUAL")).body("closedAt", nullValue()).body("version", equalTo(0))
                .extract();
        assertThat(Instant.parse(created.path("raisedAt"))).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        for (int i = 0; i < 7; i++) {
            probes.count(ProbeClass.PROPERTY_LEVEL, true);
        }
    }

    /** Writes are limited per credential: a burst beyond the bucket gets 429 problem+json with Retry-After. */
    private void writeRateLimit(AccessProbes probes) throws Exception {
        String token = tokens.person("flood-" + UUID.randomUUID(), "USER");
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int wave = 0; wave < 4; wave++) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/problems"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\",\"serviceCode\":\"flood\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
            sent.addAll(batch);
        }
        List<HttpResponse<String>> limited = sent.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).as("429s after a burst of writes with one credential").isNotEmpty();
        assertThat(limited.get(0).headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.get(0).headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(sent.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 429 && r.statusCode() != 403))
                .as("every other answer is the USER's 403").isEmpty();
        probes.count(ProbeClass.RATE_LIMIT, true);
    }
}
