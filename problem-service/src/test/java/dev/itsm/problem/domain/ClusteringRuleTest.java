package dev.itsm.problem.domain;

import dev.itsm.contracts.problem.ClusterExplanation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusteringRuleTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final ClusteringRule rule = new ClusteringRule(3, Duration.ofMinutes(60));

    private static ClusteringRule.Candidate at(int minutes) {
        return at(minutes, "payroll", "export stalled");
    }

    private static ClusteringRule.Candidate at(int minutes, String service, String signature) {
        return new ClusteringRule.Candidate(UUID.randomUUID(), service, signature, T0.plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void threeWithinTheWindowMakeAClusterWithItsExplanation() {
        var a = at(0);
        var b = at(20);
        var c = at(59);
        Optional<ClusterExplanation> cluster = rule.evaluate(c, List.of(a, b, c));
        assertThat(cluster).hasValueSatisfying(e -> {
            assertThat(e.rule()).isEqualTo("same-service-same-signature");
            assertThat(e.incidentIds()).containsExactly(a.incidentId(), b.incidentId(), c.incidentId());
            assertThat(e.windowStart()).isEqualTo(a.openedAt());
            assertThat(e.windowEnd()).isEqualTo(c.openedAt());
            assertThat(e.threshold()).isEqualTo(3);
            assertThat(e.windowMinutes()).isEqualTo(60);
            assertThat(e.matchedFeatures()).containsEntry("serviceCode", "payroll").containsEntry("signature", "export stalled");
        });
    }

    @Test
    void twoAreNotEnough() {
        var a = at(0);
        var b = at(5);
        assertThat(rule.evaluate(b, List.of(a, b))).isEmpty();
    }

    @Test
    void theWindowEdgeIsInclusiveAndOneMinuteMoreIsOut() {
        var a = at(0);
        var b = at(30);
        var edge = at(60);
        assertThat(rule.evaluate(edge, List.of(a, b, edge))).isPresent();
        var late = at(61);
        assertThat(rule.evaluate(late, List.of(a, b, late))).as("a is out; b and late are two").isEmpty();
    }

    @Test
    void otherServicesAndSignaturesDoNotCount() {
        var a = at(0);
        var b = at(1, "email", "export stalled");
        var c = at(2, "payroll", "disk full");
        var d = at(3);
        assertThat(rule.evaluate(d, List.of(a, b, c, d))).isEmpty();
    }

    @Test
    void theOrderOfArrivalDoesNotMatter() {
        List<ClusteringRule.Candidate> all = new ArrayList<>(List.of(at(40), at(0), at(10)));
        var trigger = all.get(1);
        var first = rule.evaluate(trigger, all).orElseThrow();
        Collections.reverse(all);
        assertThat(rule.evaluate(trigger, all)).contains(first);
    }

    @Test
    void aTriggerOutsideEveryFullWindowRaisesNothing() {
        var a = at(0);
        var b = at(10);
        var c = at(20);
        var lateTrigger = at(200);
        assertThat(rule.evaluate(lateTrigger, List.of(a, b, c, lateTrigger))).isEmpty();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new ClusteringRule(1, Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusteringRule(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
