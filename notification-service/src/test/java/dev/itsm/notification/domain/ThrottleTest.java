package dev.itsm.notification.domain;

import dev.itsm.contracts.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Throttle.Policy POLICY = new Throttle.Policy(Duration.ofMinutes(10), 3);

    @Test
    void theFirstMessageAboutARecordGoesAndTheNextOnesWaitForTheDigest() {
        var first = Throttle.decide(T0, POLICY, "INC1", Priority.P3, null, "payroll", null);
        assertThat(first.send()).isTrue();
        assertThat(first.record().endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(first.service().sent()).isEqualTo(1);

        var again = Throttle.decide(T0.plusSeconds(30), POLICY, "INC1", Priority.P3, first.record(), "payroll", first.service());
        assertThat(again.send()).isFalse();
        assertThat(again.reason()).startsWith("collapsed");
        assertThat(again.digestDue()).isEqualTo(first.record().endsAt());

        var afterWindow = Throttle.decide(T0.plus(Duration.ofMinutes(11)), POLICY, "INC1", Priority.P3, first.record(), "payroll", first.service());
        assertThat(afterWindow.send()).isTrue();
    }

    @Test
    void aWindowThatNeverSentIsNoWindowWhateverItsTimes() {
        var placeholder = new Throttle.Window(T0, T0.plusMillis(1), null, 0);
        Throttle.Window full = new Throttle.Window(T0, T0.plusSeconds(600), null, 3);
        var decision = Throttle.decide(T0, POLICY, "INC9", Priority.P3, placeholder, "payroll", full);
        assertThat(decision.send()).isFalse();
        assertThat(decision.reason()).startsWith("storm on payroll");
    }

    @Test
    void aRisingPriorityGoesThroughTheWindow() {
        var first = Throttle.decide(T0, POLICY, "INC1", Priority.P3, null, null, null);
        var higher = Throttle.decide(T0.plusSeconds(5), POLICY, "INC1", Priority.P1, first.record(), null, null);
        assertThat(higher.send()).isTrue();
        assertThat(higher.record().topPriority()).isEqualTo(Priority.P1);
        var same = Throttle.decide(T0.plusSeconds(6), POLICY, "INC1", Priority.P1, higher.record(), null, null);
        assertThat(same.send()).isFalse();
        var lower = Throttle.decide(T0.plusSeconds(7), POLICY, "INC1", Priority.P2, higher.record(), null, null);
        assertThat(lower.send()).isFalse();
    }

    @Test
    void aStormOnOneServiceStopsAtTheLimit() {
        Throttle.Window service = null;
        int sent = 0;
        for (int i = 0; i < 100; i++) {
            var decision = Throttle.decide(T0.plusSeconds(i), POLICY, "INC" + i, Priority.P1, null, "payroll", service);
            if (decision.send()) {
                sent++;
                service = decision.service();
            } else {
                assertThat(decision.reason()).startsWith("storm on payroll");
                assertThat(decision.digestDue()).isEqualTo(service.endsAt());
            }
        }
        assertThat(sent).isEqualTo(3);
    }
}
