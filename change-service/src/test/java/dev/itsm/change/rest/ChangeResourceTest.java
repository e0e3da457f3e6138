package dev.itsm.change.rest;

import dev.itsm.change.access.ChangeFixtures;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "change-service"))
class ChangeResourceTest {
    @Inject
    Pool pool;
    private static final String PROBLEM_JSON = "application/problem+json";
    private final String ownerId = UUID.randomUUID().toString();
    private final String owner = TestTokens.forPerson(ownerId, "CHANGE_OWNER", "CAB");
    private final String manager = TestTokens.forPerson("chris-" + UUID.randomUUID(), "CHANGE_MANAGER");
    private final String cab = TestTokens.forPerson("carl-" + UUID.randomUUID(), "CAB");
    private final String cab2 = TestTokens.forPerson("cleo-" + UUID.randomUUID(), "CAB");
    private final String implementerId = UUID.randomUUID().toString();
    private final String implementer = TestTokens.forPerson(implementerId, "IMPLEMENTATION_MANAGER");

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String raise(String service) {
        return as(owner).body(Map.of("title", "Upgrade payroll export", "type", "NORMAL", "serviceCode", service,
                        "backoutPlan", "redeploy 2.4.0"))
                .post("/api/changes").then().statusCode(201).body("ownerId", equalTo(ownerId))
                .body("requesterId", equalTo(ownerId)).extract().path("id");
    }

    /** Submitted by its owner, assessed, then authorised by two distinct CAB members; its owner may not approve. */
    private void authorise(String id, String risk) {
        as(owner).body("{}").post("/api/changes/{id}/submit", id).then().statusCode(200).body("status", equalTo("ASSESS"));
        as(manager).body(Map.of("risk", risk)).post("/api/changes/{id}/assess", id).then().statusCode(200)
                .body("status", equalTo("AUTHORIZE"));
        as(owner).body(Map.of("comment", "mine")).post("/api/changes/{id}/approve", id).then().statusCode(403)
                .contentType(PROBLEM_JSON).body("type", equalTo("https://itsm.dev/problems/segregation-of-duties"));
        as(cab).body(Map.of("comment", "ok")).post("/api/changes/{id}/approve", id).then().statusCode(200)
                .body("status", equalTo("AUTHORIZE")).body("approvals[0].decision", equalTo("APPROVED"));
        as(cab).body(Map.of("comment", "again")).post("/api/changes/{id}/approve", id).then().statusCode(409);
        as(cab2).body(Map.of("comment", "ok too")).post("/api/changes/{id}/approve", id).then().statusCode(200)
                .body("status", equalTo(risk.equals("HIGH") ? "AUTHORIZE" : "SCHEDULED"));
    }

    @Test
    void aNormalChangeRunsFromSubmissionToReview() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        ChangeFixtures.person(implementerId, "IMPLEMENTATION_MANAGER", null);
        String id = raise(service);
        authorise(id, "LOW");
        as(implementer).body("{}").post("/api/changes/{id}/implement", id).then().statusCode(403).contentType(PROBLEM_JSON);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(manager).body(Map.of("implementerId", implementerId))
                .post("/api/changes/{id}/assign", id).then().statusCode(200).body("implementerId", equalTo(implementerId)));
        as(implementer).body("{}").post("/api/changes/{id}/implement", id).then().statusCode(409).contentType(PROBLEM_JSON);
        as(implementer).body(Map.of("plannedStart", "2030-01-08T22:00:00Z", "plannedEnd", "2030-01-08T23:00:00Z"))
                .post("/api/changes/{id}/schedule", id).then().statusCode(200);
        as(cab).body("{}").post("/api/changes/{id}/implement", id).then().statusCode(403);
        as(implementer).body("{}").post("/api/changes/{id}/implement", id).then().statusCode(200).body("status", equalTo("IMPLEMENT"));
        as(implementer).body(Map.of("result", "deployed 2.4.1")).post("/api/changes/{id}/complete", id).then().statusCode(200)
                .body("status", equalTo("REVIEW"));
        as(manager).body(Map.of("outcome", "GREAT")).post("/api/changes/{id}/close", id).then().statusCode(422);
        as(manager).body(Map.of("outcome", "SUCCESSFUL", "notes", "no incidents since"))
                .post("/api/changes/{id}/close", id).then().statusCode(200).body("status", equalTo("CLOSED"));

        var events = TestKafka.awaitRecords(Topics.CHANGE_EVENTS, r -> id.equals(r.key())
                && (r.value().contains(EventTypes.CHANGE_IMPLEMENTED) || r.value().contains(EventTypes.CHANGE_CLOSED)), 2);
        events.forEach(r -> ContractSchemas.assertValidEvent(r.value()));
        assertThat(events.get(0).value()).contains(EventTypes.CHANGE_IMPLEMENTED);

        String verified = given().auth().oauth2(manager).get("/api/audit/change/{id}/verify", id).then().statusCode(200)
                .extract().body().asString();
        assertThat(verified).contains("\"intact\":true").contains("\"entries\":10");
        given().auth().oauth2(manager).get("/api/audit/change/{id}", id).then().statusCode(200)
                .body("items.step", hasItems("CREATE", "SUBMIT", "ASSESS", "APPROVE", "ASSIGN", "SCHEDULE", "IMPLEMENT", "COMPLETE", "CLOSE"));
        given().auth().oauth2(cab).get("/api/audit/change/{id}", id).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void aHighRiskChangeAlsoNeedsItsServicesBusinessOwner() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        UUID businessOwnerId = UUID.randomUUID();
        ChangeFixtures.service(service, null, businessOwnerId);
        String id = raise(service);
        authorise(id, "HIGH");
        String businessOwner = TestTokens.forPerson(businessOwnerId.toString(), "BUSINESS_OWNER");
        String someOtherBusinessOwner = TestTokens.forPerson(UUID.randomUUID().toString(), "BUSINESS_OWNER");
        as(someOtherBusinessOwner).body("{}").post("/api/changes/{id}/approve", id).then().statusCode(403);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(businessOwner).body(Map.of("comment", "agreed"))
                .post("/api/changes/{id}/approve", id).then().statusCode(200).body("status", equalTo("SCHEDULED"))
                .body("approvals.find { it.asBusinessOwner }.approverId", equalTo(businessOwnerId.toString())));
    }

    @Test
    void onlyAChangeManagerNamesAnotherOwnerOrTheRiskAndStandardNeedsATemplate() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        as(owner).body(Map.of("title", "x", "type", "NORMAL", "serviceCode", service, "ownerId", "someone-else"))
                .post("/api/changes").then().statusCode(403).body("level", equalTo("property"));
        as(owner).body(Map.of("title", "x", "type", "NORMAL", "serviceCode", service, "risk", "LOW"))
                .post("/api/changes").then().statusCode(403).body("field", equalTo("risk"));
        as(owner).body(Map.of("title", "x", "type", "STANDARD", "serviceCode", service)).post("/api/changes").then().statusCode(422);

        String processOwner = TestTokens.forPerson("cpo-" + UUID.randomUUID(), "CHANGE_PROCESS_OWNER");
        as(manager).body(Map.of("name", "Rotate certificates", "risk", "LOW", "implementationPlan", "run rotate.sh",
                "backoutPlan", "restore the old pair")).post("/api/change-templates").then().statusCode(403);
        as(processOwner).body(Map.of("name", "Risky", "risk", "HIGH", "implementationPlan", "x", "backoutPlan", "y"))
                .post("/api/change-templates").then().statusCode(422);
        String template = as(processOwner).body(Map.of("name", "Rotate certificates", "serviceCode", service, "risk", "LOW",
                        "implementationPlan", "run rotate.sh", "backoutPlan", "restore the old pair"))
                .post("/api/change-templates").then().statusCode(201).extract().path("id");
        String standard = as(owner).body(Map.of("title", "Rotate payroll certificates", "serviceCode", service, "templateId", template,
                        "implementationPlan", "something else"))
                .post("/api/changes").then().statusCode(201).body("type", equalTo("STANDARD")).body("risk", equalTo("LOW"))
                .body("implementationPlan", equalTo("run rotate.sh")).extract().path("id");
        as(owner).body("{}").post("/api/changes/{id}/submit", standard).then().statusCode(200).body("status", equalTo("SCHEDULED"));
        as(processOwner).body("{}").post("/api/change-templates/{id}/retire", template).then().statusCode(200).body("active", equalTo(false));
        as(owner).body(Map.of("title", "again", "serviceCode", service, "templateId", template)).post("/api/changes").then().statusCode(422);

        String managed = as(manager).body(Map.of("title", "Managed", "type", "NORMAL", "serviceCode", service, "ownerId", ownerId))
                .post("/api/changes").then().statusCode(422).extract().path("detail");
        assertThat(managed).contains("active person");
    }

    @Test
    void overlappingWindowsAndFreezesAreRefused() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String first = raise(service);
        authorise(first, "LOW");
        as(manager).body(Map.of("plannedStart", "2030-02-01T22:00:00Z", "plannedEnd", "2030-02-01T23:00:00Z"))
                .post("/api/changes/{id}/schedule", first).then().statusCode(200);
        String second = raise(service);
        authorise(second, "LOW");
        as(manager).body(Map.of("plannedStart", "2030-02-01T22:30:00Z", "plannedEnd", "2030-02-01T23:30:00Z"))
                .post("/api/changes/{id}/schedule", second).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("conflictingChanges.size()", equalTo(1));

        as(cab).body(Map.of("startsAt", "2030-03-01T00:00:00Z", "endsAt", "2030-03-02T00:00:00Z", "reason", "x"))
                .post("/api/freeze-windows").then().statusCode(403);
        as(manager).body(Map.of("startsAt", "2030-03-01T00:00:00Z", "endsAt", "2030-03-02T00:00:00Z",
                "reason", "quarter close " + service, "serviceCode", service)).post("/api/freeze-windows").then().statusCode(201);
        as(manager).body(Map.of("plannedStart", "2030-03-01T10:00:00Z", "plannedEnd", "2030-03-01T11:00:00Z"))
                .post("/api/changes/{id}/schedule", second).then().statusCode(409)
                .body("freezeWindows", hasItems("quarter close " + service));
        as(manager).body(Map.of("plannedStart", "2030-03-05T10:00:00Z", "plannedEnd", "2030-03-05T11:00:00Z"))
                .post("/api/changes/{id}/schedule", second).then().statusCode(200);
    }

    @Test
    void concurrentBookingsOfOneWindowLeaveExactlyOne() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> raise(service)).toList();
        ids.forEach(id -> authorise(id, "LOW"));
        Map<String, String> window = Map.of("plannedStart", "2030-04-01T22:00:00Z", "plannedEnd", "2030-04-01T23:00:00Z");
        ExecutorService clients = Executors.newFixedThreadPool(ids.size());
        List<CompletableFuture<Integer>> requests = ids.stream().map(id -> CompletableFuture.supplyAsync(
                () -> as(manager).body(window).post("/api/changes/{id}/schedule", id).then().extract().statusCode(),
                clients)).toList();
        List<Integer> answers = requests.stream().map(CompletableFuture::join).toList();
        clients.shutdown();
        assertThat(answers).containsOnly(200, 409);
        assertThat(answers).filteredOn(status -> status == 200).hasSize(1);
        long booked = ids.stream().filter(id -> given().auth().oauth2(manager).get("/api/changes/{id}", id).then()
                .extract().path("plannedStart") != null).count();
        assertThat(booked).isEqualTo(1);
    }

    /**
     * A booking written by another request that has not committed yet is invisible to the overlap check; the
     * database's exclusion constraint still refuses the second booking once the first commits.
     */
    @Test
    void aWindowBookedMeanwhileIsRefusedByTheDatabase() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String first = raise(service);
        String second = raise(service);
        authorise(first, "LOW");
        authorise(second, "LOW");
        SqlConnection other = pool.getConnectionAndAwait();
        try {
            Transaction booking = other.beginAndAwait();
            other.preparedQuery("update change_request set planned_start = $2, planned_end = $3 where id = $1")
                    .executeAndAwait(Tuple.of(UUID.fromString(first), OffsetDateTime.parse("2030-05-01T22:00:00Z"),
                            OffsetDateTime.parse("2030-05-01T23:00:00Z")));
            CompletableFuture<ValidatableResponse> answer = CompletableFuture.supplyAsync(() -> as(manager)
                    .body(Map.of("plannedStart", "2030-05-01T22:30:00Z", "plannedEnd", "2030-05-01T23:30:00Z"))
                    .post("/api/changes/{id}/schedule", second).then());
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.query(
                            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'update change_request%'")
                    .executeAndAwait().iterator().next().getLong(0) > 0);
            booking.commitAndAwait();
            answer.join().statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("meanwhile"));
        } finally {
            other.closeAndAwait();
        }
        given().auth().oauth2(manager).get("/api/changes/{id}", second).then().body("plannedStart", nullValue());
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        String id = raise("svc-" + UUID.randomUUID().toString().substring(0, 8));
        given().contentType(ContentType.JSON).body("{}").post("/api/changes").then().statusCode(401).contentType(PROBLEM_JSON);
        as(TestTokens.forPerson("u", "USER")).body(Map.of("title", "x", "type", "NORMAL", "serviceCode", "payroll"))
                .post("/api/changes").then().statusCode(403).contentType(PROBLEM_JSON);
        as(owner).body(Map.of("title", "x", "type", "SIDEWAYS", "serviceCode", "payroll")).post("/api/changes").then()
                .statusCode(400).contentType(PROBLEM_JSON);
        as(cab).body("{}").post("/api/changes/{id}/approve", id).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("allowedSteps", hasItems("submit"));
        as(manager).body("{}").post("/api/changes/{id}/submit", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM_JSON);
        as(manager).body("{}").post("/api/changes/{id}/launch", id).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(manager).get("/api/changes/{id}", id).then().body("status", equalTo("NEW")).body("version", equalTo(0));
    }
}
