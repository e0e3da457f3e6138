package dev.itsm.incident.rest;

import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** A client that retries a create gets the first answer again; a body too large gets a problem document, not a closed socket. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class RequestSafetyTest {
    private final String reporter = TestTokens.forPerson("uma-" + UUID.randomUUID(), "USER");
    private final String desk = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");

    private static Map<String, Object> incident(String service, String title) {
        return Map.of("title", title, "serviceCode", service, "impact", "MEDIUM", "urgency", "LOW");
    }

    @Test
    void aCreateRepeatedWithItsIdempotencyKeyAnswersTheFirstIncidentAndCreatesNothing() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(reporter).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(incident(service, "VPN drops every hour")).post("/api/incidents")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(reporter).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(incident(service, "VPN drops every hour")).post("/api/incidents")
                .then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", notNullValue())
                .body("id", equalTo(first));
        // The same key with another body is a client error; a second caller's key is their own.
        given().auth().oauth2(reporter).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(incident(service, "something else")).post("/api/incidents")
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(desk).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(incident(service, "VPN drops every hour")).post("/api/incidents").then().statusCode(201);

        given().auth().oauth2(desk).queryParam("serviceCode", service).get("/api/incidents").then().body("total", equalTo(2));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithAProblemDocument() {
        String huge = "x".repeat(2 * 1024 * 1024);
        given().auth().oauth2(reporter).contentType(ContentType.JSON)
                .body("{\"title\":\"big\",\"description\":\"" + huge + "\"}")
                .post("/api/incidents")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }
}
