package dev.itsm.problem.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Incident events from incident-service's schema examples, on the real topic, raise problems by themselves. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "problem-service"))
class IncidentEventConsumerTest {
    private final String token = TestTokens.forPerson("pat-" + UUID.randomUUID(), "PROBLEM_MANAGER");

    static String opened(UUID incidentId, String service, String signature, Instant openedAt) {
        return ContractSchemas.exampleEvent(EventTypes.INCIDENT_OPENED, incidentId.toString(), Map.of(
                "incidentId", incidentId, "serviceCode", service, "signature", signature, "openedAt", openedAt));
    }

    private ValidatableResponse problemsOf(String service) {
        return given().auth().oauth2(token).queryParam("serviceCode", service).get("/api/problems").then().statusCode(200);
    }

    @Test
    void threeSimilarIncidentsRaiseOneProblemAndTheFourthIsLinkedToIt() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), d = UUID.randomUUID();
        TestKafka.send(Topics.INCIDENT_EVENTS, a.toString(), opened(a, service, "export stalled", t0));
        TestKafka.send(Topics.INCIDENT_EVENTS, b.toString(), opened(b, service, "export stalled", t0.plusSeconds(600)));
        // A different symptom on the same service does not count.
        UUID other = UUID.randomUUID();
        TestKafka.send(Topics.INCIDENT_EVENTS, other.toString(), opened(other, service, "disk full", t0.plusSeconds(700)));
        String third = opened(c, service, "export stalled", t0.plusSeconds(1200));
        TestKafka.send(Topics.INCIDENT_EVENTS, c.toString(), third);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> problemsOf(service).body("total", equalTo(1))
                .body("items[0].origin", equalTo("CLUSTERING"))
                .body("items[0].explanation.rule", equalTo("same-service-same-signature"))
                .body("items[0].explanation.incidentIds", containsInAnyOrder(a.toString(), b.toString(), c.toString()))
                .body("items[0].explanation.windowMinutes", equalTo(60)));
        String problemId = problemsOf(service).extract().path("items[0].id");

        // The same record again changes nothing; a fourth similar incident joins the open problem.
        TestKafka.send(Topics.INCIDENT_EVENTS, c.toString(), third);
        TestKafka.send(Topics.INCIDENT_EVENTS, d.toString(), opened(d, service, "export stalled", t0.plusSeconds(1800)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> problemsOf(service).body("total", equalTo(1))
                .body("items[0].incidentCount", equalTo(4)));
        given().auth().oauth2(token).get("/api/problems/" + problemId + "/incidents").then().statusCode(200)
                .body("total", equalTo(4)).body("items.incidentId", hasSize(4))
                .body("items[3].incidentId", equalTo(d.toString()));

        var published = TestKafka.awaitRecords(Topics.PROBLEM_EVENTS, r -> problemId.equals(r.key()), 2);
        published.forEach(r -> ContractSchemas.assertValidEvent(r.value()));
        assertThat(published.get(0).value()).contains(EventTypes.PROBLEM_RAISED);
        assertThat(published.get(1).value()).contains(EventTypes.PROBLEM_INCIDENT_LINKED).contains(d.toString());
    }

    @Test
    void aProblemWithTenThousandIncidentsIsServedInPagesAndItsRowIsNeverRewrittenPerLink() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-23T11:00:00Z");
        List<UUID> ids = new ArrayList<>();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            // All within one window: the first three raise the problem, the rest join it.
            records.add(Map.entry(id.toString(), opened(id, service, "export stalled", t0.plusMillis(i * 100L))));
        }
        TestKafka.sendEach(Topics.INCIDENT_EVENTS, records);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> problemsOf(service).body("total", equalTo(1))
                .body("items[0].incidentCount", equalTo(10_000)));
        ValidatableResponse problem = problemsOf(service);
        String problemId = problem.extract().path("items[0].id");
        int version = problem.extract().path("items[0].version");
        assertThat(version).as("the problem row is not rewritten when incidents join").isZero();
        assertThat(problem.extract().asString()).hasSizeLessThan(4_000);

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            paged.addAll(given().auth().oauth2(token).queryParam("page", page).queryParam("size", 200)
                    .get("/api/problems/" + problemId + "/incidents").then().statusCode(200)
                    .body("total", equalTo(10_000)).extract().<List<String>>path("items.incidentId"));
        }
        assertThat(paged).hasSize(10_000).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(UUID::toString).toList());
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextIsProcessed() {
        String marker = "poison-" + UUID.randomUUID();
        TestKafka.send(Topics.INCIDENT_EVENTS, marker, "{\"specversion\":\"1.0\",\"type\":\"" + EventTypes.INCIDENT_OPENED
                + "\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"x\",\"subject\":\"" + marker + "\",\"data\":{\"serviceCode\":5}}");
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            TestKafka.send(Topics.INCIDENT_EVENTS, id.toString(), opened(id, service, "queue backlog", t0.plusSeconds(i * 60L)));
        }
        TestKafka.awaitRecords(Topics.deadLetter(Topics.INCIDENT_EVENTS), r -> r.value().contains(marker), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> problemsOf(service).body("total", equalTo(1)));
    }

    @Test
    void resolvedIncidentsNoLongerCount() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        TestKafka.send(Topics.INCIDENT_EVENTS, a.toString(), opened(a, service, "login slow", t0));
        TestKafka.send(Topics.INCIDENT_EVENTS, a.toString(), ContractSchemas.exampleEvent(EventTypes.INCIDENT_STATUS_CHANGED,
                a.toString(), Map.of("incidentId", a, "serviceCode", service, "from", "NEW", "to", "RESOLVED")));
        TestKafka.send(Topics.INCIDENT_EVENTS, b.toString(), opened(b, service, "login slow", t0.plusSeconds(60)));
        TestKafka.send(Topics.INCIDENT_EVENTS, c.toString(), opened(c, service, "login slow", t0.plusSeconds(120)));
        // A marker incident on another service proves the three above were consumed.
        String marker = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            TestKafka.send(Topics.INCIDENT_EVENTS, id.toString(), opened(id, marker, "x", t0));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> problemsOf(marker).body("total", equalTo(1)));
        problemsOf(service).body("total", equalTo(0));
    }
}
