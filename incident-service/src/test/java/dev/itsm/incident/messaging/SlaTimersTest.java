package dev.itsm.incident.messaging;

import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.incident.domain.SlaTimers;
import dev.itsm.incident.support.Api;
import dev.itsm.incident.support.Directory;
import dev.itsm.incident.support.TestClock;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.itsm.incident.support.Api.get;
import static dev.itsm.incident.support.Api.post;
import static dev.itsm.incident.support.Api.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * SLA clocks on the real database and broker, with time moved by a controllable clock: warnings at 50 % and 75 %, the
 * breach at 100 % with its escalations, On Hold pausing the clock, and each timer fired once however many scans race.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class SlaTimersTest {
    @Inject
    TestClock clock;
    @Inject
    Pool pool;
    @Inject
    SlaTimers timers;

    private final String desk = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");
    private final String technician = TestTokens.forPerson("tom-" + UUID.randomUUID(), "TECHNICIAN");

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    private long slaLines(String incidentId, String clockName, String threshold) {
        return pool.preparedQuery("""
                        select count(*) from incident_timeline where incident_id = $1 and kind = 'SLA' and field = $2 and to_value = $3""")
                .execute(Tuple.of(UUID.fromString(incidentId), clockName, threshold)).await().indefinitely().iterator().next().getLong(0);
    }

    private void awaitLine(String incidentId, String clockName, String threshold) {
        await().atMost(Duration.ofSeconds(30)).until(() -> slaLines(incidentId, clockName, threshold) == 1);
    }

    @Test
    void warningsAtHalfAndThreeQuartersThenTheBreachEscalatesToTier2sOnCallMemberAndTellsTheIncidentManager() {
        String service = Directory.unique("svc");
        String tier2 = service + "-tier2";
        Instant t0 = clock.freeze();
        UUID offDuty = UUID.randomUUID();
        UUID onDuty = UUID.randomUUID();
        // The breach comes 15 min after opening: the shift then is on-duty's, the one before it off-duty's.
        new Directory(pool).service(service, "service-desk", tier2, service + "-tier3").group(tier2, "TIER_2", 2, service)
                .person(offDuty, List.of("TECHNICIAN"), List.of(tier2)).person(onDuty, List.of("TECHNICIAN"), List.of(tier2))
                .onCall(tier2, offDuty, t0.minus(Duration.ofHours(8)), t0.plus(Duration.ofMinutes(10)))
                .onCall(tier2, onDuty, t0.plus(Duration.ofMinutes(10)), t0.plus(Duration.ofHours(8)))
                .awaitCopied();
        String id = report(desk, service, "HIGH", "HIGH");
        get(desk, id).statusCode(200).body("priority", equalTo("P1"))
                .body("sla[0].clock", equalTo("TIME_TO_OWN")).body("sla[0].state", equalTo("RUNNING"))
                .body("sla[0].targetSeconds", equalTo(900)).body("sla[0].remainingSeconds", equalTo(900))
                .body("sla[1].clock", equalTo("TIME_TO_RESOLVE")).body("sla[1].targetSeconds", equalTo(14400));

        clock.advance(Duration.ofSeconds(451));
        awaitLine(id, "TIME_TO_OWN", "50%");
        EventEnvelope half = Api.events(id, EventTypes.INCIDENT_SLA_THRESHOLD_REACHED, 1).get(0);
        assertThat(half.data().path("threshold").asInt()).isEqualTo(50);
        assertThat(Instant.parse(half.data().path("reachedAt").asText())).isEqualTo(t0.plusSeconds(450));
        assertThat(Instant.parse(half.data().path("dueAt").asText())).isEqualTo(t0.plusSeconds(900));
        assertThat(slaLines(id, "TIME_TO_OWN", "75%")).isZero();

        clock.advance(Duration.ofSeconds(225));
        awaitLine(id, "TIME_TO_OWN", "75%");
        get(desk, id).body("sla[0].elapsedSeconds", equalTo(676)).body("sla[0].remainingSeconds", equalTo(224));

        clock.advance(Duration.ofSeconds(225));
        awaitLine(id, "TIME_TO_OWN", "100%");
        get(desk, id).statusCode(200).body("sla[0].state", equalTo("BREACHED"))
                .body("assignmentGroup", equalTo(tier2)).body("escalationTier", equalTo(2)).body("status", equalTo("NEW"))
                .body("assigneeId", equalTo(onDuty.toString()));
        List<EventEnvelope> breach = Api.events(id, EventTypes.INCIDENT_SLA_THRESHOLD_REACHED, 3);
        assertThat(breach).extracting(e -> e.data().path("threshold").asInt()).containsExactly(50, 75, 100);
        assertThat(breach.get(2).data().path("breached").asBoolean()).isTrue();
        List<EventEnvelope> escalations = Api.events(id, EventTypes.INCIDENT_ESCALATED, 2);
        assertThat(escalations).extracting(e -> e.data().path("kind").asText()).containsExactly("FUNCTIONAL", "HIERARCHICAL");
        assertThat(escalations.get(0).data().path("toGroup").asText()).isEqualTo(tier2);
        assertThat(escalations.get(0).data().path("automatic").asBoolean()).isTrue();
        assertThat(escalations.get(0).data().path("assigneeId").asText()).as("on call at the breach").isEqualTo(onDuty.toString());
        assertThat(escalations.get(1).data().path("notifyRole").asText()).isEqualTo("INCIDENT_MANAGER");

        // Later scans find nothing more to fire for this clock: each threshold fired once.
        clock.advance(Duration.ofHours(2));
        awaitLine(id, "TIME_TO_RESOLVE", "50%");
        assertThat(List.of(slaLines(id, "TIME_TO_OWN", "50%"), slaLines(id, "TIME_TO_OWN", "75%"), slaLines(id, "TIME_TO_OWN", "100%")))
                .containsOnly(1L);
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("itsm_incident_sla_breached_total\\{clock=\"TIME_TO_OWN\",priority=\"P1\"[^}]*} [1-9]");
    }

    @Test
    void onHoldPausesTimeToResolveAndTheWarningComesLaterByTheHold() {
        String service = Directory.unique("svc");
        Instant t0 = clock.freeze();
        String id = report(desk, service, "HIGH", "MEDIUM");
        clock.advance(Duration.ofMinutes(1));
        post(technician, "/api/incidents/" + id + "/accept", "{}").statusCode(200);
        clock.advance(Duration.ofMinutes(9));
        post(technician, "/api/incidents/" + id + "/hold", Map.of("reason", "waiting for the vendor")).statusCode(200)
                .body("sla[1].state", equalTo("PAUSED")).body("sla[1].dueAt", nullValue());

        // Ten hours on hold: past the whole 8 h target, and nothing fires. A P1 opened meanwhile proves a scan ran.
        clock.advance(Duration.ofHours(10));
        String witness = report(desk, service, "HIGH", "HIGH");
        clock.advance(Duration.ofMinutes(8));
        awaitLine(witness, "TIME_TO_OWN", "50%");
        assertThat(slaLines(id, "TIME_TO_RESOLVE", "50%")).isZero();
        get(desk, id).body("sla[1].state", equalTo("PAUSED")).body("sla[1].elapsedSeconds", equalTo(600))
                .body("sla[0].state", equalTo("MET"));

        post(technician, "/api/incidents/" + id + "/resume", "{}").statusCode(200).body("sla[1].state", equalTo("RUNNING"));
        // 4 h of running time: 10 min before the hold, 3 h 50 min after the resume.
        clock.advance(Duration.ofMinutes(3 * 60 + 51));
        awaitLine(id, "TIME_TO_RESOLVE", "50%");
        EventEnvelope half = Api.events(id, EventTypes.INCIDENT_SLA_THRESHOLD_REACHED, 1,
                e -> e.data().path("clock").asText().equals("TIME_TO_RESOLVE")).get(0);
        assertThat(Instant.parse(half.data().path("reachedAt").asText()))
                .isEqualTo(t0.plus(Duration.ofHours(4)).plus(Duration.ofHours(10)).plus(Duration.ofMinutes(8)));
    }

    @Test
    void scansRacingOnTheSameDueTimersFireEachOfThemOnce() throws Exception {
        String service = Directory.unique("svc");
        clock.freeze();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(report(desk, service, "HIGH", "HIGH"));
        }
        clock.advance(Duration.ofSeconds(460));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> scans = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                scans.add(threads.submit(() -> timers.fireDue().await().atMost(Duration.ofSeconds(30))));
            }
            for (Future<?> scan : scans) {
                scan.get();
            }
        } finally {
            threads.shutdown();
        }
        for (String id : ids) {
            awaitLine(id, "TIME_TO_OWN", "50%");
        }
        long fired = pool.preparedQuery("""
                        select count(*) from incident_timeline where incident_id = any($1) and kind = 'SLA'""")
                .execute(Tuple.of((Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new)))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(fired).isEqualTo(ids.size());
    }
}
