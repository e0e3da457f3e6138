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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.itsm.incident.support.Api.PROBLEM_JSON;
import static dev.itsm.incident.support.Api.get;
import static dev.itsm.incident.support.Api.post;
import static dev.itsm.incident.support.Api.report;
import static dev.itsm.incident.support.Api.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Functional escalation by hand: up the incident's service's ladder, Tier 1 → Tier 2 → Tier 3, and no further; the
 * target group's member on call now becomes the assignee.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class EscalationTest {
    @Inject
    Pool pool;

    private final String reporter = TestTokens.forPerson("uma-" + UUID.randomUUID(), "USER");
    private final String tier1Id = "tina-" + UUID.randomUUID();
    private final String tier1 = TestTokens.forPerson(tier1Id, "TIER_1");

    @Test
    void tier1EscalatesToTier2ThenTier3AndTheTopTierHasNowhereToGo() {
        String service = Directory.unique("svc");
        String desk = service + "-desk";
        String tier2 = service + "-tier2";
        String tier3 = service + "-tier3";
        UUID onCall = UUID.randomUUID();
        UUID tomorrow = UUID.randomUUID();
        Instant now = Instant.now();
        new Directory(pool).service(service, desk, tier2, tier3).group(desk, "SERVICE_DESK", 1, null)
                .group(tier2, "TIER_2", 2, service).group(tier3, "TIER_3", 3, service)
                .person(onCall, List.of("TECHNICIAN"), List.of(tier2)).person(tomorrow, List.of("TECHNICIAN"), List.of(tier2))
                .onCall(tier2, onCall, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)))
                .onCall(tier2, tomorrow, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(9)))
                .awaitCopied();
        String id = report(reporter, service, "MEDIUM", "HIGH");
        get(tier1, id).body("assignmentGroup", equalTo(desk)).body("escalationTier", equalTo(1));

        post(reporter, "/api/incidents/" + id + "/escalate", Map.of("reason", "nobody answers")).statusCode(403).contentType(PROBLEM_JSON);
        post(tier1, "/api/incidents/" + id + "/accept", "{}").statusCode(200);
        post(tier1, "/api/incidents/" + id + "/escalate", Map.of("reason", "export job needs the application team")).statusCode(200)
                .body("assignmentGroup", equalTo(tier2)).body("escalationTier", equalTo(2)).body("status", equalTo("NEW"))
                .body("assigneeId", equalTo(onCall.toString())).body("sla[0].state", equalTo("MET"));
        // The on-call member accepts; nobody is on call for Tier 3, so it waits in that group's queue.
        String tier2Token = TestTokens.forPerson(onCall.toString(), "TIER_2", "SME");
        post(tier2Token, "/api/incidents/" + id + "/accept", "{}").statusCode(200);
        post(tier2Token, "/api/incidents/" + id + "/escalate", Map.of("reason", "needs a schema change")).statusCode(200)
                .body("assignmentGroup", equalTo(tier3)).body("escalationTier", equalTo(3)).body("assigneeId", nullValue());
        post(tier2Token, "/api/incidents/" + id + "/escalate", Map.of("reason", "still stuck")).statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("no higher tier"));

        List<EventEnvelope> escalations = Api.events(id, EventTypes.INCIDENT_ESCALATED, 2);
        assertThat(escalations).extracting(e -> e.data().path("toGroup").asText()).containsExactly(tier2, tier3);
        assertThat(escalations).extracting(e -> e.data().path("kind").asText()).containsOnly("FUNCTIONAL");
        assertThat(escalations.get(0).data().path("actorId").asText()).isEqualTo(tier1Id);
        assertThat(escalations.get(0).data().path("automatic").asBoolean()).isFalse();
        assertThat(escalations.get(0).data().path("assigneeId").asText()).isEqualTo(onCall.toString());
        timeline(tier1, id).body("items.findAll { it.kind == 'ESCALATION' }.size()", equalTo(2))
                .body("items.findAll { it.kind == 'ESCALATION' }[0].summary", containsString("application team"))
                .body("items.kind", hasItem("STATUS"));
    }

    @Test
    void aServiceTheDirectoryDoesNotKnowStaysWithTheServiceDesk() {
        String id = report(reporter, Directory.unique("svc"), "LOW", "LOW");
        post(tier1, "/api/incidents/" + id + "/escalate", Map.of("reason", "beyond me")).statusCode(409).contentType(PROBLEM_JSON)
                .body("escalationTier", equalTo(1));
        get(tier1, id).body("assignmentGroup", equalTo("service-desk")).body("version", equalTo(0));
    }
}
