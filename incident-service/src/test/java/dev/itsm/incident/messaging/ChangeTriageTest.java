package dev.itsm.incident.messaging;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.incident.support.Api;
import dev.itsm.incident.support.Directory;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static dev.itsm.incident.support.Api.get;
import static dev.itsm.incident.support.Api.report;
import static dev.itsm.incident.support.Api.timeline;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Change-aware triage on the real topic: change-service's events (from the contract's own examples) are kept in this
 * service's copy, and a new incident on a service changed shortly before, reported or alert-born, is linked to it.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class ChangeTriageTest {
    @Inject
    Pool pool;

    private final String desk = TestTokens.forPerson("sam-" + UUID.randomUUID(), "SERVICE_DESK_ANALYST");

    private void implement(UUID change, String number, String service, Instant started, Instant implemented) {
        String begun = ContractSchemas.exampleEvent(EventTypes.CHANGE_STATUS_CHANGED, change.toString(), Map.of("changeId", change,
                "number", number, "serviceCode", service, "from", "SCHEDULED", "to", "IMPLEMENT", "changedAt", started));
        String done = ContractSchemas.exampleEvent(EventTypes.CHANGE_IMPLEMENTED, change.toString(), Map.of("changeId", change,
                "number", number, "serviceCode", service, "implementedAt", implemented));
        TestKafka.sendAll(Topics.CHANGE_EVENTS, change.toString(), java.util.List.of(begun, done));
        // A redelivered event changes nothing.
        TestKafka.send(Topics.CHANGE_EVENTS, change.toString(), done);
    }

    private void awaitCopied(UUID change) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                        "select count(*) from service_change where change_id = $1 and implemented_at is not null")
                .execute(Tuple.of(change)).await().indefinitely().iterator().next().getLong(0) == 1);
    }

    @Test
    void aReportedAndAnAlertBornIncidentRightAfterAChangeAreLinkedToIt() {
        String service = Directory.unique("svc");
        UUID change = UUID.randomUUID();
        Instant now = Instant.now();
        implement(change, "CHG-" + change.toString().substring(0, 6), service, now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
        UUID stale = UUID.randomUUID();
        String staleService = Directory.unique("svc");
        implement(stale, "CHG-OLD", staleService, now.minus(Duration.ofHours(31)), now.minus(Duration.ofHours(30)));
        awaitCopied(change);
        awaitCopied(stale);

        String reported = report(desk, service, "MEDIUM", "MEDIUM");
        get(desk, reported).statusCode(200).body("suspectedChange.changeId", equalTo(change.toString()))
                .body("suspectedChange.number", equalTo("CHG-" + change.toString().substring(0, 6)));
        timeline(desk, reported).body("items.find { it.kind == 'CHANGE' }.summary", containsString("suspect it first"));

        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String alert = """
                {"version":"4","groupKey":"{}:{alertname=\\"ExportSlow\\"}","status":"firing","receiver":"itsm",
                 "alerts":[{"status":"firing","labels":{"alertname":"ExportSlow","service":"%s","severity":"warning"},
                            "annotations":{"summary":"export slow"},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",
                            "fingerprint":"%s"}]}""".formatted(service, Instant.now(), fingerprint);
        TestKafka.send(Topics.ALERTS, fingerprint, alert);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(desk).queryParam("alertFingerprint", fingerprint)
                .get("/api/incidents").then().body("total", equalTo(1))
                .body("items[0].suspectedChange.changeId", equalTo(change.toString())));

        get(desk, report(desk, staleService, "LOW", "LOW")).body("suspectedChange", nullValue());
        get(desk, report(desk, Directory.unique("svc"), "LOW", "LOW")).body("suspectedChange", nullValue());
        Api.events(reported, EventTypes.INCIDENT_OPENED, 1);
    }
}
