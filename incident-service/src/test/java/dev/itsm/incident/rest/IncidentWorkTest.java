package dev.itsm.incident.rest;

import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.incident.support.Api;
import dev.itsm.incident.support.Directory;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.itsm.incident.support.Api.PROBLEM_JSON;
import static dev.itsm.incident.support.Api.get;
import static dev.itsm.incident.support.Api.post;
import static dev.itsm.incident.support.Api.report;
import static dev.itsm.incident.support.Api.timeline;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * What the Service Desk, the assignee and the reporter do with an incident every day: classify it, update it, assign
 * it, write work notes and comments, and read its timeline; and what each bad request is told, with nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class IncidentWorkTest {
    @Inject
    Pool pool;

    private final String reporterId = "uma-" + UUID.randomUUID();
    private final String reporter = TestTokens.forPerson(reporterId, "USER");
    private final String deskId = "sam-" + UUID.randomUUID();
    private final String desk = TestTokens.forPerson(deskId, "SERVICE_DESK_ANALYST");
    private final String technician = TestTokens.forPerson("tom-" + UUID.randomUUID(), "TECHNICIAN");

    @Test
    void theDeskClassifiesWithAReasonAndTheTimelineRecordsEveryFieldWithActorAndTime() {
        String id = report(reporter, Directory.unique("svc"), "MEDIUM", "MEDIUM");
        post(desk, "/api/incidents/" + id + "/classify", Map.of("category", "Software", "impact", "HIGH",
                "reason", "all tenants affected")).statusCode(200)
                .body("category", equalTo("software")).body("priority", equalTo("P2")).body("impact", equalTo("HIGH"))
                .body("sla[0].targetSeconds", equalTo(1800));
        post(technician, "/api/incidents/" + id + "/update", Map.of("description", "payslips render blank since 08:00")).statusCode(200);
        post(technician, "/api/incidents/" + id + "/work-note", Map.of("text", "renderer pool exhausted")).statusCode(200);
        post(reporter, "/api/incidents/" + id + "/comment", Map.of("text", "it also fails on mobile")).statusCode(200);
        post(desk, "/api/incidents/" + id + "/comment", Map.of("text", "we are on it")).statusCode(200);

        timeline(desk, id).statusCode(200)
                .body("items.kind", hasItems("OPENED", "FIELD", "WORK_NOTE", "COMMENT"))
                .body("items.findAll { it.field == 'priority' }[0].from", equalTo("P3"))
                .body("items.findAll { it.field == 'priority' }[0].to", equalTo("P2"))
                .body("items.findAll { it.field == 'priority' }[0].actorId", equalTo(deskId))
                .body("items.findAll { it.field == 'priority' }[0].summary", containsString("all tenants affected"))
                .body("items.findAll { it.kind == 'WORK_NOTE' }[0].visibility", equalTo("INTERNAL"));
        // The reporter reads comments and status changes, never work notes or field changes.
        timeline(reporter, id).statusCode(200)
                .body("items.kind", not(hasItem("WORK_NOTE"))).body("items.kind", not(hasItem("FIELD")))
                .body("items.summary", hasItems("it also fails on mobile", "we are on it"));
        given().auth().oauth2(desk).queryParam("size", 2).get("/api/incidents/{id}/timeline", id).then()
                .body("items.size()", equalTo(2)).body("total", equalTo(8));

        EventEnvelope reprioritised = Api.events(id, EventTypes.INCIDENT_REPRIORITISED, 1).get(0);
        assertThat(reprioritised.data().path("reason").asText()).isEqualTo("all tenants affected");
        List<EventEnvelope> notes = Api.events(id, EventTypes.INCIDENT_NOTE_ADDED, 3);
        assertThat(notes).extracting(e -> e.data().path("visibility").asText()).containsExactly("WORK_NOTE", "COMMENT", "COMMENT");
        assertThat(notes.get(1).data().path("reporterId").asText()).isEqualTo(reporterId);
    }

    @Test
    void theDeskAssignsToAGroupAndOneOfItsMembersWhoThenAccepts() {
        String service = Directory.unique("svc");
        String group = service + "-apps";
        UUID member = UUID.randomUUID();
        UUID outsider = UUID.randomUUID();
        new Directory(pool).group(group, "TIER_2", 2, service).person(member, List.of("TECHNICIAN"), List.of(group))
                .person(outsider, List.of("TECHNICIAN"), List.of("service-desk")).awaitCopied();
        String id = report(reporter, service, "LOW", "MEDIUM");

        post(desk, "/api/incidents/" + id + "/assign", Map.of("group", "no-such-group")).statusCode(422).contentType(PROBLEM_JSON)
                .body("detail", containsString("no-such-group"));
        post(desk, "/api/incidents/" + id + "/assign", Map.of("group", group, "assigneeId", outsider.toString())).statusCode(422)
                .contentType(PROBLEM_JSON).body("detail", containsString("not an active member of group " + group));
        post(technician, "/api/incidents/" + id + "/assign", Map.of("group", group)).statusCode(403).contentType(PROBLEM_JSON);
        post(desk, "/api/incidents/" + id + "/assign", Map.of("assigneeId", member.toString())).statusCode(400)
                .contentType(PROBLEM_JSON).body("errors.field", hasItem("group"));
        get(desk, id).body("assignmentGroup", equalTo("service-desk")).body("version", equalTo(0));

        post(desk, "/api/incidents/" + id + "/assign", Map.of("group", group, "assigneeId", member.toString(),
                "reason", "renderer belongs to the apps team")).statusCode(200)
                .body("assignmentGroup", equalTo(group)).body("assigneeId", equalTo(member.toString()))
                .body("escalationTier", equalTo(2)).body("status", equalTo("NEW"));
        post(desk, "/api/incidents/" + id + "/assign", Map.of("group", group, "assigneeId", member.toString())).statusCode(422);
        String memberToken = TestTokens.forPerson(member.toString(), "TIER_2");
        post(memberToken, "/api/incidents/" + id + "/accept", "{}").statusCode(200).body("status", equalTo("IN_PROGRESS"))
                .body("sla[0].state", equalTo("MET"));

        EventEnvelope assigned = Api.events(id, EventTypes.INCIDENT_ASSIGNED, 1).get(0);
        assertThat(assigned.data().path("toGroup").asText()).isEqualTo(group);
        assertThat(assigned.data().path("toAssigneeId").asText()).isEqualTo(member.toString());
        assertThat(assigned.data().path("fromGroup").asText()).isEqualTo("service-desk");
        timeline(desk, id).body("items.findAll { it.kind == 'ASSIGNMENT' }[0].summary", containsString("apps team"));
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrongAndStoresNothing() {
        String id = report(reporter, Directory.unique("svc"), "MEDIUM", "MEDIUM");
        post(desk, "/api/incidents/" + id + "/classify", Map.of("category", "plumbing")).statusCode(422).contentType(PROBLEM_JSON)
                .body("detail", containsString("'plumbing' is not in the category catalogue"))
                .body("categories", hasItem("software"));
        post(desk, "/api/incidents/" + id + "/classify", Map.of("impact", "SEVERE")).statusCode(400).contentType(PROBLEM_JSON)
                .body("detail", containsString("SEVERE"));
        post(desk, "/api/incidents/" + id + "/classify", Map.of("urgency", "LOW")).statusCode(422).contentType(PROBLEM_JSON)
                .body("detail", containsString("give a reason"));
        post(desk, "/api/incidents/" + id + "/classify", "{}").statusCode(422).contentType(PROBLEM_JSON);
        post(technician, "/api/incidents/" + id + "/classify", Map.of("category", "software")).statusCode(403)
                .contentType(PROBLEM_JSON).body("allowedRoles", hasItem("SERVICE_DESK_ANALYST"));
        post(desk, "/api/incidents/" + id + "/work-note", Map.of("text", "")).statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("text"));
        post(reporter, "/api/incidents/" + id + "/work-note", Map.of("text", "let me in")).statusCode(403).contentType(PROBLEM_JSON);
        post(desk, "/api/incidents/" + id + "/escalate", "{}").statusCode(422).contentType(PROBLEM_JSON)
                .body("detail", containsString("reason"));
        post(desk, "/api/incidents/" + id + "/teleport", "{}").statusCode(404).contentType(PROBLEM_JSON);
        post(desk, "/api/incidents/" + UUID.randomUUID() + "/classify", Map.of("category", "software")).statusCode(404)
                .contentType(PROBLEM_JSON);
        given().auth().oauth2(desk).queryParam("status", "SLEEPING").get("/api/incidents").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("detail", containsString("status must be one of"));
        given().auth().oauth2(reporter).contentType("application/json").body(Map.of("title", "x", "serviceCode", "payroll",
                        "impact", "HIGH", "urgency", "HIGH", "category", "plumbing"))
                .post("/api/incidents").then().statusCode(422).contentType(PROBLEM_JSON);

        get(desk, id).body("version", equalTo(0)).body("category", equalTo(null)).body("priority", equalTo("P3"));
        timeline(desk, id).body("total", equalTo(1));

        // Steps in the wrong state: a closed incident takes nothing more.
        post(technician, "/api/incidents/" + id + "/resolve", Map.of("resolution", "restarted")).statusCode(200);
        post(desk, "/api/incidents/" + id + "/close", "{}").statusCode(200);
        post(desk, "/api/incidents/" + id + "/classify", Map.of("category", "software")).statusCode(409).contentType(PROBLEM_JSON)
                .body("status", equalTo(409)).body("detail", containsString("CLOSED"));
        post(desk, "/api/incidents/" + id + "/comment", Map.of("text", "too late")).statusCode(409).contentType(PROBLEM_JSON);
        post(desk, "/api/incidents/" + id + "/major", Map.of("reason", "too late")).statusCode(403).contentType(PROBLEM_JSON);
    }
}
