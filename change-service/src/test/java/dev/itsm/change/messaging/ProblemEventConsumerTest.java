package dev.itsm.change.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A resolved problem from problem-service's schema example becomes exactly one draft change. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "change-service"))
class ProblemEventConsumerTest {
    private final String manager = TestTokens.forPerson("chris-" + UUID.randomUUID(), "CHANGE_MANAGER");

    static String resolved(UUID problemId, String service) {
        return ContractSchemas.exampleEvent(EventTypes.PROBLEM_RESOLVED, problemId.toString(), Map.of(
                "problemId", problemId, "serviceCode", service, "rootCause", "table lock", "fix", "batch the export",
                "incidentIds", List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID())));
    }

    @Test
    void oneDraftPerResolvedProblemEvenWhenRedelivered() {
        UUID problemId = UUID.randomUUID();
        String record = resolved(problemId, "svc-" + problemId.toString().substring(0, 6));
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), record);
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), record);
        // The same problem resolved again (a new event) still drafts nothing more.
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), resolved(problemId, "svc-" + problemId.toString().substring(0, 6)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(manager)
                .queryParam("problemId", problemId).get("/api/changes").then()
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("NEW"))
                .body("items[0].type", equalTo("NORMAL"))
                .body("items[0].evidence.rootCause", equalTo("table lock"))
                .body("items[0].evidence.incidentIds.size()", equalTo(3)));
        String changeId = given().auth().oauth2(manager).queryParam("problemId", problemId).get("/api/changes")
                .then().extract().path("items[0].id");
        TestKafka.awaitRecords(Topics.CHANGE_EVENTS, r -> changeId.equals(r.key()), 1)
                .forEach(r -> ContractSchemas.assertValidEvent(r.value()));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextIsProcessed() {
        String marker = "poison-" + UUID.randomUUID();
        TestKafka.send(Topics.PROBLEM_EVENTS, marker, marker);
        UUID problemId = UUID.randomUUID();
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), resolved(problemId, "svc-after"));
        TestKafka.awaitRecords(Topics.deadLetter(Topics.PROBLEM_EVENTS), r -> marker.equals(r.value()), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(manager)
                .queryParam("problemId", problemId).get("/api/changes").then().body("total", equalTo(1)));
    }
}
