package dev.itsm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMixTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aboutOneInFiveAlertsIsNewAndTheRestRepeatThePool() {
        AlertMix mix = new AlertMix("run1-t", 200, 1);
        List<AlertMix.Notification> records = mix.singles(10_000);
        long fresh = records.stream().mapToLong(AlertMix.Notification::fresh).sum();
        assertThat(fresh).isBetween(1_800L, 2_200L);
        assertThat(records).filteredOn(r -> r.repeats() == 1)
                .allSatisfy(r -> assertThat(r.alerts().get(0).fingerprint()).startsWith(mix.poolPrefix()));
        assertThat(records).filteredOn(r -> r.fresh() == 1)
                .allSatisfy(r -> assertThat(r.alerts().get(0).fingerprint()).doesNotStartWith(mix.poolPrefix()));
    }

    @Test
    void everyNotificationIsAnAlertmanagerWebhookAndNoTwoAreByteIdentical() throws Exception {
        AlertMix mix = new AlertMix("run1-t", 20, 2);
        List<AlertMix.Notification> records = mix.singles(500);
        Set<String> bodies = new HashSet<>();
        for (AlertMix.Notification record : records) {
            JsonNode body = JSON.readTree(record.body());
            assertThat(body.path("version").asText()).isEqualTo("4");
            assertThat(body.path("alerts")).hasSize(1);
            assertThat(body.path("alerts").get(0).path("fingerprint").asText()).isEqualTo(record.key());
            assertThat(body.path("groupKey").asText()).isEqualTo("{}:{alertname=\"" + record.alerts().get(0).alertName() + "\"}");
            bodies.add(record.body());
        }
        assertThat(bodies).hasSize(records.size());
    }

    @Test
    void aGroupNotificationCarriesEightOpenAndTwoNewAlertsOfOneName() throws Exception {
        AlertMix mix = new AlertMix("run1-t", 400, 3);
        for (AlertMix.Notification group : mix.groups(50, 10)) {
            assertThat(group.alerts()).hasSize(10);
            assertThat(group.fresh()).isEqualTo(2);
            assertThat(group.alerts()).extracting(AlertMix.Alert::alertName).containsOnly(group.alerts().get(0).alertName());
            assertThat(JSON.readTree(group.body()).path("alerts")).hasSize(10);
        }
    }

    @Test
    void theApiBodyIsAListOfPostableAlerts() throws Exception {
        AlertMix mix = new AlertMix("run1-t", 100, 4);
        JsonNode body = JSON.readTree(mix.apiBody(100));
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(100);
        assertThat(body.get(0).path("labels").path("alertname").asText()).isNotBlank();
        assertThat(mix.poolApiBodies(30)).hasSize(4);
        assertThat(JSON.readTree(mix.poolApiBodies(30).get(3))).hasSize(10);
    }

    @Test
    void theSamePoolOpensOnceWithFreshAlerts() {
        AlertMix mix = new AlertMix("run1-t", 50, 5);
        assertThat(mix.poolOpening()).hasSize(50).allSatisfy(r -> assertThat(r.fresh()).isEqualTo(1));
        assertThat(mix.poolOpening().stream().map(AlertMix.Notification::key).distinct()).hasSize(50);
    }
}
