package dev.itsm.notification.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Directory and process events on the real topics; the right people are told, once, and live. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "notification-service"))
class NotificationFlowTest {

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    static void person(UUID id, String role, String group) {
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.person(id), ContractSchemas.exampleEvent(EventTypes.DIRECTORY_PERSON,
                DirectoryKeys.person(id), Map.of("personId", id, "username", "p-" + id, "active", true,
                        "roles", role == null ? List.of() : List.of(Map.of("role", role)),
                        "groupCodes", group == null ? List.of() : List.of(group), "channels", List.of("IN_APP", "EMAIL"),
                        "version", 1)));
    }

    static String problemRaised(UUID problemId) {
        return ContractSchemas.exampleEvent(EventTypes.PROBLEM_RAISED, problemId.toString(), Map.of("problemId", problemId));
    }

    private static io.restassured.response.ValidatableResponse inbox(UUID personId) {
        return given().auth().oauth2(TestTokens.forPerson(personId.toString())).queryParam("size", 50)
                .get("/api/notifications").then().statusCode(200);
    }

    @Test
    void aRaisedProblemTellsEachProblemManagerOnceOnEveryChannel() {
        UUID manager = UUID.randomUUID();
        UUID changeManager = UUID.randomUUID();
        person(manager, "PROBLEM_MANAGER", null);
        person(changeManager, "CHANGE_MANAGER", null);
        UUID problemId = UUID.randomUUID();
        String record = problemRaised(problemId);
        // Directory first, on its own topic: wait until it is in this service's copy by watching a later event land.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), record);
            inbox(manager).body("items.findAll { it.subject == '" + problemId + "' }.size()", equalTo(1));
        });
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), record);
        inbox(manager).body("items.findAll { it.subject == '" + problemId + "' }.size()", equalTo(1))
                .body("items[0].title", org.hamcrest.Matchers.startsWith("Problem "));
        inbox(changeManager).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.forPerson("ivan", "INCIDENT_MANAGER")).queryParam("personId", manager.toString())
                .queryParam("channel", "EMAIL").get("/api/deliveries").then().statusCode(200)
                .body("items.findAll { it.subject == '" + problemId + "' }.size()", equalTo(1))
                .body("items[0].deliveryStatus", equalTo("PENDING"));
        given().auth().oauth2(TestTokens.forPerson(manager.toString(), "PROBLEM_MANAGER")).get("/api/deliveries")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aMajorIncidentTellsTheAssignmentGroup() {
        String group = "grp-" + UUID.randomUUID().toString().substring(0, 8);
        UUID member = UUID.randomUUID();
        person(member, "TECHNICIAN", group);
        UUID incidentId = UUID.randomUUID();
        String opened = ContractSchemas.exampleEvent(EventTypes.INCIDENT_OPENED, incidentId.toString(), Map.of(
                "incidentId", incidentId, "priority", "P1", "assignmentGroup", group));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TestKafka.send(Topics.INCIDENT_EVENTS, incidentId.toString(), opened);
            inbox(member).body("items.findAll { it.subject == '" + incidentId + "' }.size()", equalTo(1));
        });
        String id = inbox(member).extract().path("items[0].id");
        given().auth().oauth2(TestTokens.forPerson("someone-else")).post("/api/notifications/{id}/read", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.forPerson(member.toString())).post("/api/notifications/{id}/read", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.forPerson(member.toString())).queryParam("unread", true).get("/api/notifications")
                .then().body("total", equalTo(0));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextIsProcessed() {
        String marker = "poison-" + UUID.randomUUID();
        TestKafka.send(Topics.CHANGE_EVENTS, marker, "[\"" + marker + "\"]");
        UUID manager = UUID.randomUUID();
        person(manager, "CHANGE_MANAGER", null);
        UUID changeId = UUID.randomUUID();
        String drafted = ContractSchemas.exampleEvent(EventTypes.CHANGE_DRAFTED, changeId.toString(), Map.of("changeId", changeId));
        TestKafka.awaitRecords(Topics.deadLetter(Topics.CHANGE_EVENTS), r -> r.value().contains(marker), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TestKafka.send(Topics.CHANGE_EVENTS, changeId.toString(), drafted);
            inbox(manager).body("items.findAll { it.subject == '" + changeId + "' }.size()", equalTo(1));
        });
    }

    @Test
    void theLiveStreamDeliversNewNotificationsAsTheyAreStored() throws Exception {
        UUID manager = UUID.randomUUID();
        person(manager, "PROBLEM_MANAGER", null);
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + TestTokens.forPerson(manager.toString()))
                .header("Accept", "text/event-stream").build();
        var response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            try (Stream<String> body = r.body()) {
                body.forEach(lines::add);
            }
        });
        given().auth().oauth2(TestTokens.forPerson(manager.toString())).get("/api/notifications").then().statusCode(200);
        UUID problemId = UUID.randomUUID();
        String raised = problemRaised(problemId);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (lines.stream().noneMatch(line -> line.contains(problemId.toString()))) {
                TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), raised);
            }
            return lines.stream().anyMatch(line -> line.startsWith("data:") && line.contains(problemId.toString()));
        });
        response.cancel(true);
        given().get("/api/notifications").then().statusCode(401);
    }
}
