package dev.itsm.incident.domain;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.MalformedEventException;
import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.testing.ContractSchemas;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertTranslatorTest {
    private final AlertTranslator translator = new AlertTranslator(EventCodec.defaultMapper(), "unknown");

    @Test
    void theAlertmanagerSchemaExampleTranslates() {
        String example = ContractSchemas.examplesOf("schemas/alertmanager.webhook.v4.schema.json").get(0);
        List<AlertSignal> signals = translator.translate(example);
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.fingerprint()).isEqualTo("b3f1c2d4e5a6b7c8");
            assertThat(s.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(s.serviceCode()).isEqualTo("payroll");
            assertThat(s.alertName()).isEqualTo("HighRequestLatency");
            assertThat(s.severity()).isEqualTo("critical");
            assertThat(s.summary()).isEqualTo("p99 latency above 2s");
            assertThat(s.startsAt()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
            assertThat(s.endsAt()).as("Go's zero time means not ended").isNull();
        });
    }

    @Test
    void aResolvedAlertmanagerAlertAndAMissingFingerprint() {
        String json = """
                {"version":"4","status":"resolved","alerts":[
                  {"status":"resolved","labels":{"alertname":"DiskFull","job":"email"},"annotations":{},
                   "startsAt":"2026-11-23T08:00:00Z","endsAt":"2026-11-23T08:30:00+01:00"}]}""";
        AlertSignal signal = translator.translate(json).get(0);
        assertThat(signal.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(signal.serviceCode()).as("job label when there is no service label").isEqualTo("email");
        assertThat(signal.fingerprint()).hasSize(16);
        assertThat(signal.endsAt()).isEqualTo(Instant.parse("2026-11-23T07:30:00Z"));
        assertThat(translator.translate(json).get(0).fingerprint()).as("stable label hash").isEqualTo(signal.fingerprint());
    }

    @Test
    void thePagerDutyExampleTranslatesAndResolveNeedsTheDedupKey() {
        String example = ContractSchemas.examplesOf("schemas/pagerduty.events.v2.schema.json").get(0);
        AlertSignal signal = translator.translate(example).get(0);
        assertThat(signal.serviceCode()).isEqualTo("payroll");
        assertThat(signal.fingerprint()).isEqualTo("payroll:payroll-db-connections");
        assertThat(signal.alertName()).isEqualTo("DatabaseConnectionsExhausted");
        assertThat(signal.source()).isEqualTo("Grafana");

        AlertSignal resolve = translator.translate("""
                {"routing_key":"payroll","event_action":"resolve","dedup_key":"payroll-db-connections"}""").get(0);
        assertThat(resolve.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolve.fingerprint()).isEqualTo(signal.fingerprint());
        assertThatThrownBy(() -> translator.translate("""
                {"routing_key":"payroll","event_action":"resolve"}""")).isInstanceOf(MalformedEventException.class);
        AlertSignal acknowledge = translator.translate("""
                {"routing_key":"payroll","event_action":"acknowledge","dedup_key":"payroll-db-connections"}""").get(0);
        assertThat(acknowledge.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acknowledge.fingerprint()).isEqualTo(signal.fingerprint());
    }

    @Test
    void pagerDutyTimestampsAreReadInEveryFormItsDocumentationShows() {
        for (String timestamp : new String[]{"2015-07-17T08:42:58.315+0000", "2015-07-17T08:42:58.315+00:00",
                "2015-07-17T08:42:58Z", "2015-07-17T10:42:58.315+0200"}) {
            AlertSignal signal = translator.translate("""
                    {"routing_key":"payroll","event_action":"trigger",
                     "payload":{"summary":"disk full","source":"db-1","severity":"critical","timestamp":"%s"}}""".formatted(timestamp)).get(0);
            assertThat(signal.startsAt()).as(timestamp).isBetween(java.time.Instant.parse("2015-07-17T08:42:58Z"),
                    java.time.Instant.parse("2015-07-17T08:42:59Z"));
        }
    }

    @Test
    void valuesTheFormatsLimitAreCheckedAtTheDoor() {
        assertThatThrownBy(() -> translator.translate("""
                {"routing_key":"payroll","event_action":"trigger","dedup_key":"%s","payload":{"summary":"x","source":"y","severity":"info"}}"""
                .formatted("k".repeat(256)))).isInstanceOf(MalformedEventException.class).hasMessageContaining("dedup_key");
        assertThatThrownBy(() -> translator.translate("""
                {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"A","service":"not a service code"}}]}"""))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("service code");
        assertThat(translator.translate("""
                {"version":"4","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"A","job":"Node-Exporter"}}]}""")
                .get(0).serviceCode()).isEqualTo("node-exporter");
    }

    @Test
    void theSuitesOwnAlertEventTranslates() {
        String example = ContractSchemas.examples("itsm.alert.signalled.v1").get(0);
        assertThat(translator.translate(example).get(0).fingerprint()).isEqualTo("c0ffee11deadbeef");
    }

    @Test
    void anythingElseIsMalformed() {
        assertThatThrownBy(() -> translator.translate("not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> translator.translate("[1,2]")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> translator.translate("{\"hello\":1}")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> translator.translate("{\"version\":\"3\",\"alerts\":[]}"))
                .hasMessageContaining("version 3");
        assertThatThrownBy(() -> translator.translate("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{}}]}"))
                .hasMessageContaining("alertname");
        assertThatThrownBy(() -> translator.translate("{\"specversion\":\"1.0\",\"type\":\"itsm.incident.opened.v1\",\"data\":{}}"))
                .isInstanceOf(MalformedEventException.class);
    }
}
