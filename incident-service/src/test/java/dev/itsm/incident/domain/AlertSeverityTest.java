package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertSeverityTest {

    @Test
    void severityLabelsMapToTheMatrix() {
        assertThat(AlertSeverity.of("critical", Map.of())).isEqualTo(new AlertSeverity(Impact.HIGH, Urgency.HIGH));
        assertThat(AlertSeverity.of("error", Map.of())).isEqualTo(new AlertSeverity(Impact.HIGH, Urgency.MEDIUM));
        assertThat(AlertSeverity.of("warning", Map.of())).isEqualTo(new AlertSeverity(Impact.MEDIUM, Urgency.MEDIUM));
        assertThat(AlertSeverity.of("info", Map.of())).isEqualTo(new AlertSeverity(Impact.LOW, Urgency.LOW));
        assertThat(AlertSeverity.of(null, null)).isEqualTo(new AlertSeverity(Impact.MEDIUM, Urgency.MEDIUM));
    }

    @Test
    void explicitImpactAndUrgencyLabelsWin() {
        assertThat(AlertSeverity.of("critical", Map.of("impact", "low", "urgency", "bogus")))
                .isEqualTo(new AlertSeverity(Impact.LOW, Urgency.HIGH));
    }
}
