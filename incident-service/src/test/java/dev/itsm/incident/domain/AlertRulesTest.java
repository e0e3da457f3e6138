package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final AlertRules.Policy POLICY = new AlertRules.Policy(Duration.ofMinutes(15), AlertRules.AutoResolve.UNLESS_ON_HOLD);

    private static AlertSignal alert(AlertStatus status, String severity, Instant endsAt) {
        return new AlertSignal("fp-1", status, "payroll", "DiskFull", severity, "disk full", null, Map.of(), T0, endsAt, "alertmanager");
    }

    private static IncidentSnapshot incident(IncidentStatus status, Impact impact, Urgency urgency, Instant resolvedAt) {
        return new IncidentSnapshot(UUID.randomUUID(), "INC0001001", true, "fp-1", "disk full", null, "payroll", "diskfull",
                "DiskFull", "alertmanager", "payroll-tier1", null, status, impact, urgency, PriorityMatrix.priority(impact, urgency),
                1, 0, AlertStatus.FIRING, T0, T0, null, resolvedAt, resolvedAt == null ? null : "resolved", T0);
    }

    private static IncidentSnapshot draft() {
        return incident(IncidentStatus.NEW, Impact.MEDIUM, Urgency.MEDIUM, null);
    }

    @Test
    void aFirstFiringOpensAndARepeatCounts() {
        assertThat(AlertRules.apply(null, alert(AlertStatus.FIRING, "warning", null), draft(), T0, POLICY).action())
                .isEqualTo(AlertRules.Action.OPENED);
        AlertRules.Decision repeat = AlertRules.apply(incident(IncidentStatus.NEW, Impact.MEDIUM, Urgency.MEDIUM, null),
                alert(AlertStatus.FIRING, "warning", null), draft(), T0.plusSeconds(60), POLICY);
        assertThat(repeat.action()).isEqualTo(AlertRules.Action.COUNTED);
        assertThat(repeat.incident().alertCount()).isEqualTo(2);
        assertThat(repeat.incident().lastAlertAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aHigherSeverityRaisesThePriorityAndALowerOneNeverLowersIt() {
        IncidentSnapshot p3 = incident(IncidentStatus.IN_PROGRESS, Impact.MEDIUM, Urgency.MEDIUM, null);
        AlertRules.Decision raised = AlertRules.apply(p3, alert(AlertStatus.FIRING, "critical", null), draft(), T0, POLICY);
        assertThat(raised.action()).isEqualTo(AlertRules.Action.RAISED);
        assertThat(raised.incident().priority()).isEqualTo(Priority.P1);
        assertThat(raised.reason()).contains("P3 -> P1");
        AlertRules.Decision lower = AlertRules.apply(raised.incident(), alert(AlertStatus.FIRING, "info", null), draft(), T0, POLICY);
        assertThat(lower.action()).isEqualTo(AlertRules.Action.COUNTED);
        assertThat(lower.incident().priority()).isEqualTo(Priority.P1);
    }

    @Test
    void aFiringWithinTheFlapWindowReopensAndAfterItOpensANewIncident() {
        IncidentSnapshot resolved = incident(IncidentStatus.RESOLVED, Impact.MEDIUM, Urgency.MEDIUM, T0);
        AlertRules.Decision flap = AlertRules.apply(resolved, alert(AlertStatus.FIRING, "warning", null), draft(), T0.plusSeconds(600), POLICY);
        assertThat(flap.action()).isEqualTo(AlertRules.Action.REOPENED);
        assertThat(flap.incident().id()).isEqualTo(resolved.id());
        assertThat(flap.incident().flapCount()).isEqualTo(1);
        assertThat(flap.incident().status()).isEqualTo(IncidentStatus.NEW);
        assertThat(flap.incident().resolvedAt()).isNull();

        AlertRules.Decision later = AlertRules.apply(resolved, alert(AlertStatus.FIRING, "warning", null), draft(), T0.plusSeconds(901), POLICY);
        assertThat(later.action()).isEqualTo(AlertRules.Action.OPENED);
    }

    @Test
    void autoResolveFollowsThePolicyAndNeverTouchesOnHold() {
        AlertSignal resolved = alert(AlertStatus.RESOLVED, "warning", T0.plusSeconds(30));
        assertThat(AlertRules.apply(incident(IncidentStatus.IN_PROGRESS, Impact.MEDIUM, Urgency.MEDIUM, null), resolved, draft(),
                T0.plusSeconds(40), POLICY).action()).isEqualTo(AlertRules.Action.RESOLVED);
        AlertRules.Decision onHold = AlertRules.apply(incident(IncidentStatus.ON_HOLD, Impact.MEDIUM, Urgency.MEDIUM, null), resolved,
                draft(), T0.plusSeconds(40), POLICY);
        assertThat(onHold.action()).isEqualTo(AlertRules.Action.NOTED);
        assertThat(onHold.incident().status()).isEqualTo(IncidentStatus.ON_HOLD);
        assertThat(onHold.incident().alertState()).isEqualTo(AlertStatus.RESOLVED);

        AlertRules.Policy onlyNew = new AlertRules.Policy(Duration.ofMinutes(15), AlertRules.AutoResolve.ONLY_NEW);
        assertThat(AlertRules.apply(incident(IncidentStatus.IN_PROGRESS, Impact.MEDIUM, Urgency.MEDIUM, null), resolved, draft(),
                T0.plusSeconds(40), onlyNew).action()).isEqualTo(AlertRules.Action.NOTED);
        AlertRules.Policy never = new AlertRules.Policy(Duration.ofMinutes(15), AlertRules.AutoResolve.NEVER);
        assertThat(AlertRules.apply(incident(IncidentStatus.NEW, Impact.MEDIUM, Urgency.MEDIUM, null), resolved, draft(),
                T0.plusSeconds(40), never).action()).isEqualTo(AlertRules.Action.NOTED);
    }

    @Test
    void theResolvedAlertsOwnEndTimeIsWhenItResolvedUnlessItIsInTheFuture() {
        AlertRules.Decision decided = AlertRules.apply(incident(IncidentStatus.NEW, Impact.MEDIUM, Urgency.MEDIUM, null),
                alert(AlertStatus.RESOLVED, "warning", T0.plusSeconds(30)), draft(), T0.plusSeconds(90), POLICY);
        assertThat(decided.incident().resolvedAt()).isEqualTo(T0.plusSeconds(30));
        AlertRules.Decision skewed = AlertRules.apply(incident(IncidentStatus.NEW, Impact.MEDIUM, Urgency.MEDIUM, null),
                alert(AlertStatus.RESOLVED, "warning", T0.plusSeconds(3600)), draft(), T0.plusSeconds(90), POLICY);
        assertThat(skewed.incident().resolvedAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void anAcknowledgementAcceptsANewIncidentOnly() {
        AlertRules.Decision ack = AlertRules.apply(incident(IncidentStatus.NEW, Impact.MEDIUM, Urgency.MEDIUM, null),
                alert(AlertStatus.ACKNOWLEDGED, "warning", null), draft(), T0, POLICY);
        assertThat(ack.action()).isEqualTo(AlertRules.Action.ACKNOWLEDGED);
        assertThat(ack.incident().status()).isEqualTo(IncidentStatus.IN_PROGRESS);
        assertThat(ack.incident().acknowledgedAt()).isEqualTo(T0);
        assertThat(AlertRules.apply(ack.incident(), alert(AlertStatus.ACKNOWLEDGED, "warning", null), draft(), T0, POLICY).action())
                .isEqualTo(AlertRules.Action.IGNORED);
        assertThat(AlertRules.apply(null, alert(AlertStatus.ACKNOWLEDGED, "warning", null), draft(), T0, POLICY).action())
                .isEqualTo(AlertRules.Action.IGNORED);
    }
}
