package dev.itsm.incident.support;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.TestKafka;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Short forms for the REST calls and published events the tests look at. */
public final class Api {
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final EventCodec CODEC = new EventCodec();

    private Api() {
    }

    public static String report(String token, String service, String impact, String urgency) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Payslips fail to render", "serviceCode", service, "impact", impact, "urgency", urgency))
                .post("/api/incidents").then().statusCode(201).extract().path("id");
    }

    public static ValidatableResponse get(String token, String id) {
        return given().auth().oauth2(token).get("/api/incidents/{id}", id).then();
    }

    public static ValidatableResponse post(String token, String path, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path).then();
    }

    public static ValidatableResponse timeline(String token, String id) {
        return given().auth().oauth2(token).queryParam("size", 200).get("/api/incidents/{id}/timeline", id).then();
    }

    /** The incident's events of a type, validated against their schemas, once at least {@code count} are there. */
    public static List<EventEnvelope> events(String incidentId, String type, int count) {
        return events(incidentId, type, count, e -> true);
    }

    public static List<EventEnvelope> events(String incidentId, String type, int count, Predicate<EventEnvelope> filter) {
        return TestKafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> incidentId.equals(r.key()) && r.value().contains("\"" + type + "\"")
                                && filter.test(CODEC.read(r.value())), count).stream()
                .map(ConsumerRecord::value).peek(ContractSchemas::assertValidEvent).map(CODEC::read).toList();
    }
}
