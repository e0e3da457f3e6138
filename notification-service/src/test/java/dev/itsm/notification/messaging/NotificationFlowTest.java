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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
        return given().auth().oauth2(TestTokens.forPerson(personId.toString())).queryParam("size", 100)
                .get("/api/notifications").then().statusCode(200);
    }

    private static String ofSubject(String subject) {
        return "items.findAll { it.subject == '" + subject + "' }";
    }

    /** An event that landed in someone's inbox: its subject and the exact record that was sent. */
    record Landed(UUID subject, String record) {
    }

    /**
     * Sends events about fresh subjects until one reaches the person's inbox. The directory arrives on its own
     * topic, so the first events may be routed before this service knows the person; a resent record would be
     * deduplicated, hence a new event (and subject) on every attempt.
     */
    static Landed awaitFirstLanded(UUID personId, String topic, Function<UUID, String> eventAbout) {
        Map<String, String> sent = new ConcurrentHashMap<>();
        String subject = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            UUID fresh = UUID.randomUUID();
            String record = eventAbout.apply(fresh);
            sent.put(fresh.toString(), record);
            TestKafka.send(topic, fresh.toString(), record);
            List<String> subjects = inbox(personId).extract().path("items.subject");
            return subjects.stream().filter(sent::containsKey).findFirst().orElse(null);
        }, Objects::nonNull);
        return new Landed(UUID.fromString(subject), sent.get(subject));
    }

    @Test
    void aRaisedProblemTellsEachProblemManagerOnceOnEveryChannel() {
        UUID manager = UUID.randomUUID();
        UUID changeManager = UUID.randomUUID();
        person(changeManager, "CHANGE_MANAGER", null);
        person(manager, "PROBLEM_MANAGER", null);
        Landed raised = awaitFirstLanded(manager, Topics.PROBLEM_EVENTS, NotificationFlowTest::problemRaised);
        String problemId = raised.subject().toString();

        // The same record again, then a later event on the same key (so the same partition, processed after it).
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId, raised.record());
        TestKafka.send(Topics.PROBLEM_EVENTS, problemId, ContractSchemas.exampleEvent(EventTypes.PROBLEM_RESOLVED, problemId,
                Map.of("problemId", raised.subject())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox(manager)
                .body(ofSubject(problemId) + ".findAll { it.eventType == '" + EventTypes.PROBLEM_RESOLVED + "' }.size()", equalTo(1)));
        inbox(manager)
                .body(ofSubject(problemId) + ".findAll { it.eventType == '" + EventTypes.PROBLEM_RAISED + "' }.size()", equalTo(1))
                .body(ofSubject(problemId) + ".find { it.eventType == '" + EventTypes.PROBLEM_RAISED + "' }.title", startsWith("Problem "));
        inbox(changeManager).body(ofSubject(problemId) + ".size()", equalTo(0));
        given().auth().oauth2(TestTokens.forPerson("ivan", "INCIDENT_MANAGER")).queryParam("personId", manager.toString())
                .queryParam("channel", "EMAIL").queryParam("size", 100).get("/api/deliveries").then().statusCode(200)
                .body(ofSubject(problemId) + ".findAll { it.eventType == '" + EventTypes.PROBLEM_RAISED + "' }.size()", equalTo(1))
                .body(ofSubject(problemId) + ".find { it.eventType == '" + EventTypes.PROBLEM_RAISED + "' }.target",
                        org.hamcrest.Matchers.containsString("@"));
        given().auth().oauth2(TestTokens.forPerson(manager.toString(), "PROBLEM_MANAGER")).get("/api/deliveries")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aMajorIncidentTellsTheAssignmentGroup() {
        String group = "grp-" + UUID.randomUUID().toString().substring(0, 8);
        UUID member = UUID.randomUUID();
        person(member, "TECHNICIAN", group);
        Landed opened = awaitFirstLanded(member, Topics.INCIDENT_EVENTS, incidentId -> ContractSchemas.exampleEvent(
                EventTypes.INCIDENT_OPENED, incidentId.toString(),
                Map.of("incidentId", incidentId, "priority", "P1", "assignmentGroup", group)));
        String id = inbox(member).extract().path(ofSubject(opened.subject().toString()) + "[0].id");
        given().auth().oauth2(TestTokens.forPerson("someone-else")).post("/api/notifications/{id}/read", id).then().statusCode(404);
        given().auth().oauth2(TestTokens.forPerson(member.toString())).post("/api/notifications/{id}/read", id).then().statusCode(200);
        given().auth().oauth2(TestTokens.forPerson(member.toString())).queryParam("unread", true).get("/api/notifications")
                .then().body(ofSubject(opened.subject().toString()) + ".size()", equalTo(0));
    }

    @Test
    void aMalformedRecordIsDeadLetteredAndTheNextIsProcessed() {
        String marker = "poison-" + UUID.randomUUID();
        TestKafka.send(Topics.CHANGE_EVENTS, marker, "[\"" + marker + "\"]");
        UUID manager = UUID.randomUUID();
        person(manager, "CHANGE_MANAGER", null);
        TestKafka.awaitRecords(Topics.deadLetter(Topics.CHANGE_EVENTS), r -> r.value().contains(marker), 1);
        awaitFirstLanded(manager, Topics.CHANGE_EVENTS, changeId -> ContractSchemas.exampleEvent(EventTypes.CHANGE_DRAFTED,
                changeId.toString(), Map.of("changeId", changeId)));
    }

    @Test
    void aProblemResolvedWithALongRootCauseStillReachesTheLiveStream() throws Exception {
        UUID manager = UUID.randomUUID();
        person(manager, "PROBLEM_MANAGER", null);
        String rootCause = "the export job holds a table lock ".repeat(700);
        List<String> lines = openStream(manager);
        Set<String> sent = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            UUID problemId = UUID.randomUUID();
            sent.add(problemId.toString());
            TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), ContractSchemas.exampleEvent(EventTypes.PROBLEM_RESOLVED,
                    problemId.toString(), Map.of("problemId", problemId, "rootCause", rootCause)));
            return lines.stream().anyMatch(line -> line.startsWith("data:") && sent.stream().anyMatch(line::contains)
                    && line.contains(rootCause));
        });
        assertThat(rootCause.length()).isGreaterThan(8000);
    }

    private List<String> openStream(UUID personId) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + TestTokens.forPerson(personId.toString()))
                .header("Accept", "text/event-stream").build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            try (Stream<String> body = r.body()) {
                body.forEach(lines::add);
            }
        });
        return lines;
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
        // Fresh events until one comes down the open stream (the subscription and the directory both take a moment).
        Set<String> sent = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            UUID problemId = UUID.randomUUID();
            sent.add(problemId.toString());
            TestKafka.send(Topics.PROBLEM_EVENTS, problemId.toString(), problemRaised(problemId));
            return lines.stream().anyMatch(line -> line.startsWith("data:") && sent.stream().anyMatch(line::contains));
        });
        response.cancel(true);
        given().get("/api/notifications").then().statusCode(401);
    }
}
