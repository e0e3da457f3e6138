package dev.itsm.incident.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** problem-service's events, from the schema's own example, link incidents to the problem. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class ProblemEventConsumerTest {
    private final EventCodec codec = new EventCodec();
    private final String token = TestTokens.forPerson("pat-" + UUID.randomUUID(), "PROBLEM_MANAGER");

    private String report(String service) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Export times out", "serviceCode", service, "impact", "MEDIUM", "urgency", "MEDIUM"))
                .post("/api/incidents").then().statusCode(201).extract().path("id");
    }

    @Test
    void aRaisedProblemLinksItsIncidentsOnceEvenWhenRedelivered() throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String first = report(service);
        String second = report(service);
        UUID problemId = UUID.randomUUID();

        EventEnvelope example = codec.read(ContractSchemas.examples(EventTypes.PROBLEM_RAISED).get(0));
        ObjectNode data = ((ObjectNode) example.data()).put("problemId", problemId.toString()).put("serviceCode", service);
        data.putArray("incidentIds").add(first).add(second);
        EventEnvelope raised = EventEnvelope.create(EventTypes.PROBLEM_RAISED, "problem-service", problemId.toString(),
                example.time(), first, null, data);
        String record = codec.write(raised);

        TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), record);
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), record);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("problemId", problemId).get("/api/incidents").then().body("total", equalTo(2)));
        var links = TestKafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> r.value().contains(EventTypes.INCIDENT_PROBLEM_LINKED) && r.value().contains(problemId.toString()), 2);
        assertThat(links).hasSize(2).extracting(r -> r.key()).containsExactlyInAnyOrder(first, second);
        links.forEach(r -> ContractSchemas.assertValidEvent(r.value()));
        assertThat(codec.read(links.get(0).value()).causationid()).isEqualTo(raised.id());
    }
}
