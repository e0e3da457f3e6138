package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.IncidentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.itsm.incident.domain.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

class EscalationAndTriageTest {
    private static final Escalation.Ladder PAYROLL = new Escalation.Ladder("service-desk", "payroll-tier2", "payroll-tier3");

    @Test
    void theLadderGoesTierByTierAndSkipsAMissingOne() {
        IncidentSnapshot tier1 = Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM);
        assertThat(Escalation.next(tier1, PAYROLL)).get().satisfies(t -> {
            assertThat(t.toTier()).isEqualTo(2);
            assertThat(t.toGroup()).isEqualTo("payroll-tier2");
            assertThat(t.fromGroup()).isEqualTo("service-desk");
        });
        assertThat(Escalation.next(tier1, new Escalation.Ladder("service-desk", null, "infra-tier3"))).get()
                .satisfies(t -> assertThat(t.toTier()).isEqualTo(3));
        assertThat(Escalation.next(tier1.with(b -> b.escalationTier = 3), PAYROLL)).isEmpty();
        assertThat(Escalation.tierAfterAssignment(tier1, "payroll-tier3", null, PAYROLL)).isEqualTo(3);
        assertThat(Escalation.tierAfterAssignment(tier1, "infra-tier2", 2, PAYROLL)).isEqualTo(2);
        assertThat(Escalation.tierAfterAssignment(tier1, "elsewhere", null, PAYROLL)).isEqualTo(1);
    }

    @Test
    void escalatingAnAcceptedIncidentPutsItBackToNewForTheNextTier() {
        IncidentSnapshot accepted = IncidentDecisions.step(Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM), IncidentStep.ACCEPT, "tina",
                IncidentDecisions.StepDetails.NONE, at(Duration.ofMinutes(5)), Fixtures.SETTINGS).after();
        Change escalated = IncidentDecisions.escalate(accepted, Escalation.next(accepted, PAYROLL).orElseThrow(), "needs the app team",
                "tina", false, at(Duration.ofMinutes(30)));
        assertThat(escalated.after().status()).isEqualTo(IncidentStatus.NEW);
        assertThat(escalated.after().assigneeId()).isNull();
        assertThat(escalated.after().owned()).as("time to own stays met").isTrue();
        assertThat(escalated.timeline()).extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.ESCALATION, TimelineEntry.Kind.STATUS);
    }

    @Test
    void theLatestChangeImplementedWithinTheWindowBeforeTheIncidentIsSuspected() {
        Duration window = Duration.ofHours(24);
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        UUID underWay = UUID.randomUUID();
        List<ChangeTriage.RecentChange> changes = List.of(
                new ChangeTriage.RecentChange(older, "CHG1", "payroll", at(Duration.ofHours(-30)), at(Duration.ofHours(-20))),
                new ChangeTriage.RecentChange(newer, "CHG2", "payroll", at(Duration.ofHours(-3)), at(Duration.ofHours(-2))),
                new ChangeTriage.RecentChange(later, "CHG3", "payroll", at(Duration.ofHours(1)), at(Duration.ofHours(2))),
                new ChangeTriage.RecentChange(UUID.randomUUID(), "CHG4", "email", at(Duration.ofHours(-1)), at(Duration.ofMinutes(-30))));
        assertThat(ChangeTriage.suspect("payroll", Fixtures.T0, window, changes)).get()
                .satisfies(s -> {
                    assertThat(s.changeId()).isEqualTo(newer);
                    assertThat(s.implementedAt()).isEqualTo(at(Duration.ofHours(-2)));
                });
        assertThat(ChangeTriage.suspect("payroll", at(Duration.ofHours(30)), window, changes)).as("all too old").isEmpty();
        assertThat(ChangeTriage.suspect("vpn", Fixtures.T0, window, changes)).isEmpty();
        List<ChangeTriage.RecentChange> inProgress = List.of(
                new ChangeTriage.RecentChange(underWay, "CHG5", "payroll", at(Duration.ofMinutes(-10)), null));
        assertThat(ChangeTriage.suspect("payroll", Fixtures.T0, window, inProgress)).get()
                .satisfies(s -> assertThat(s.changeId()).as("being implemented when the incident opened").isEqualTo(underWay));
    }
}
