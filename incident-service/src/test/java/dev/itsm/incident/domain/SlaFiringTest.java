package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.EscalationKind;
import dev.itsm.contracts.incident.IncidentEscalated;
import dev.itsm.contracts.incident.IncidentSlaThresholdReached;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.SlaClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.itsm.incident.domain.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

class SlaFiringTest {
    private static final Escalation.Ladder PAYROLL = new Escalation.Ladder("service-desk", "payroll-tier2", "payroll-tier3");

    @Test
    void aWarningIsAnEventAndATimelineLineAtTheTimeItWasReached() {
        IncidentSnapshot p1 = Fixtures.incident(Impact.HIGH, Urgency.HIGH);
        SlaClocks.Timer half = SlaClocks.schedule(p1).get(0);
        assertThat(SlaFiring.dueAt(p1, half, at(Duration.ofMinutes(7)))).as("not yet due").isEmpty();
        var reached = SlaFiring.dueAt(p1, half, at(Duration.ofHours(1))).orElseThrow();
        assertThat(reached).as("a late scan still decides at the due time").isEqualTo(at(Duration.ofSeconds(450)));

        SlaFiring.Fired fired = SlaFiring.fire(p1, SlaClock.TIME_TO_OWN, 50, reached, Escalation.next(p1, PAYROLL),
                Fixtures.POLICY, true);
        assertThat(fired.after()).isEqualTo(p1);
        assertThat(fired.events()).singleElement().satisfies(e -> {
            IncidentSlaThresholdReached warning = (IncidentSlaThresholdReached) e.payload();
            assertThat(warning.threshold()).isEqualTo(50);
            assertThat(warning.breached()).isFalse();
            assertThat(warning.reachedAt()).isEqualTo(reached);
            assertThat(warning.dueAt()).isEqualTo(at(Duration.ofMinutes(15)));
            assertThat(warning.targetSeconds()).isEqualTo(900);
        });
        assertThat(fired.timeline()).singleElement().satisfies(line -> assertThat(line.at()).isEqualTo(reached));
    }

    @Test
    void aTimeToOwnBreachMovesAnUnownedIncidentUpATierAndTellsTheIncidentManagerOfAP1() {
        IncidentSnapshot p1 = Fixtures.incident(Impact.HIGH, Urgency.HIGH);
        Escalation.Target next = Escalation.next(p1, PAYROLL).orElseThrow().withAssignee("tom");
        SlaFiring.Fired fired = SlaFiring.fire(p1, SlaClock.TIME_TO_OWN, 100, at(Duration.ofMinutes(15)), Optional.of(next),
                Fixtures.POLICY, true);
        assertThat(fired.after().assignmentGroup()).isEqualTo("payroll-tier2");
        assertThat(fired.after().assigneeId()).isEqualTo("tom");
        assertThat(fired.after().escalationTier()).isEqualTo(2);
        assertThat(fired.events()).extracting(DomainEvent::type).containsExactly(EventTypes.INCIDENT_SLA_THRESHOLD_REACHED,
                EventTypes.INCIDENT_ESCALATED, EventTypes.INCIDENT_ESCALATED);
        assertThat(((IncidentEscalated) fired.events().get(1).payload()).kind()).isEqualTo(EscalationKind.FUNCTIONAL);
        IncidentEscalated manager = (IncidentEscalated) fired.events().get(2).payload();
        assertThat(manager.kind()).isEqualTo(EscalationKind.HIERARCHICAL);
        assertThat(manager.notifyRole()).isEqualTo("INCIDENT_MANAGER");
        assertThat(manager.automatic()).isTrue();
    }

    @Test
    void aP3BreachStaysWithTheTiersAndAnOwnedIncidentIsNotMoved() {
        IncidentSnapshot p3 = Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM);
        SlaFiring.Fired unowned = SlaFiring.fire(p3, SlaClock.TIME_TO_OWN, 100, at(Duration.ofHours(4)), Escalation.next(p3, PAYROLL),
                Fixtures.POLICY, true);
        assertThat(unowned.events()).extracting(DomainEvent::type).containsExactly(EventTypes.INCIDENT_SLA_THRESHOLD_REACHED,
                EventTypes.INCIDENT_ESCALATED);

        IncidentSnapshot owned = p3.with(b -> {
            b.acknowledgedAt = at(Duration.ofHours(5));
            b.status = IncidentStatus.IN_PROGRESS;
        });
        SlaFiring.Fired late = SlaFiring.fire(owned, SlaClock.TIME_TO_OWN, 100, at(Duration.ofHours(4)), Escalation.next(owned, PAYROLL),
                Fixtures.POLICY, true);
        assertThat(late.after()).isEqualTo(owned);
        assertThat(late.events()).extracting(DomainEvent::type).containsExactly(EventTypes.INCIDENT_SLA_THRESHOLD_REACHED);
    }

    @Test
    void atTheTopTierTheBreachSaysThereIsNowhereToGo() {
        IncidentSnapshot top = Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM).with(b -> {
            b.escalationTier = 3;
            b.assignmentGroup = "payroll-tier3";
        });
        SlaFiring.Fired fired = SlaFiring.fire(top, SlaClock.TIME_TO_OWN, 100, at(Duration.ofHours(4)), Escalation.next(top, PAYROLL),
                Fixtures.POLICY, true);
        assertThat(fired.after().assignmentGroup()).isEqualTo("payroll-tier3");
        assertThat(fired.timeline()).anySatisfy(line -> assertThat(line.summary()).contains("no tier above 3"));
    }
}
