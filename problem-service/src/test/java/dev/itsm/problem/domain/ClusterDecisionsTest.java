package dev.itsm.problem.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterDecisionsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final ClusteringRule rule = new ClusteringRule(3, Duration.ofMinutes(60));

    private static IncidentOpened opened(UUID id, Instant at) {
        return new IncidentOpened(id, "INC1", "export stalled", "payroll", Impact.MEDIUM, Urgency.MEDIUM, Priority.P3, "export stalled",
                IncidentOrigin.ALERT, null, "payroll-tier1", "alertmanager", at);
    }

    private static IncidentStatusChanged resolved(UUID id) {
        return new IncidentStatusChanged(id, "INC1", "payroll", "export stalled", Priority.P3, IncidentStatus.NEW, IncidentStatus.RESOLVED,
                "tom", "fixed", T0, null, null, null);
    }

    @Test
    void aPollDecidesAsEventByEventWould() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID(), d = UUID.randomUUID();
        ClusterDecisions decisions = new ClusterDecisions(rule, T0, List.of(), Map.of());
        decisions.opened(opened(a, T0));
        decisions.opened(opened(b, T0.plusSeconds(60)));
        decisions.opened(opened(c, T0.plusSeconds(120)));
        decisions.opened(opened(d, T0.plusSeconds(180)));

        assertThat(decisions.raised()).hasSize(1);
        assertThat(decisions.raised().get(0).explanation().incidentIds()).containsExactly(a, b, c);
        assertThat(decisions.raised().get(0).trigger()).isEqualTo(c);
        assertThat(decisions.joined()).containsExactly(new ClusterDecisions.Joined(decisions.raised().get(0).problemId(), d));
        assertThat(decisions.added()).hasSize(4).allMatch(o -> o.problemId() != null);
    }

    @Test
    void anIncidentResolvedBeforeTheClusterFormsDoesNotCountButOneResolvedAfterwardsStaysLinked() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), c = UUID.randomUUID();
        ClusterDecisions early = new ClusterDecisions(rule, T0, List.of(), Map.of());
        early.opened(opened(a, T0));
        early.statusChanged(resolved(a));
        early.opened(opened(b, T0.plusSeconds(60)));
        early.opened(opened(c, T0.plusSeconds(120)));
        assertThat(early.raised()).isEmpty();

        ClusterDecisions late = new ClusterDecisions(rule, T0, List.of(), Map.of());
        late.opened(opened(a, T0));
        late.opened(opened(b, T0.plusSeconds(60)));
        late.opened(opened(c, T0.plusSeconds(120)));
        late.statusChanged(resolved(a));
        assertThat(late.raised()).hasSize(1);
    }

    @Test
    void storedIncidentsCountAndAnOpenProblemTakesNewOnesAndARedeliveredOpenChangesNothing() {
        UUID stored1 = UUID.randomUUID(), stored2 = UUID.randomUUID(), fresh = UUID.randomUUID();
        List<ClusterDecisions.Observation> known = List.of(
                new ClusterDecisions.Observation(stored1, "INC1", "payroll", "export stalled", "P3", IncidentStatus.NEW, T0, null, null, true),
                new ClusterDecisions.Observation(stored2, "INC2", "payroll", "export stalled", "P3", IncidentStatus.NEW,
                        T0.plusSeconds(30), null, null, true));
        ClusterDecisions decisions = new ClusterDecisions(rule, T0, known, Map.of());
        decisions.opened(opened(stored1, T0));
        decisions.opened(opened(fresh, T0.plusSeconds(90)));
        assertThat(decisions.raised()).hasSize(1);
        assertThat(decisions.changed()).extracting(ClusterDecisions.Observation::incidentId).containsExactlyInAnyOrder(stored1, stored2);
        assertThat(decisions.added()).extracting(ClusterDecisions.Observation::incidentId).containsExactly(fresh);

        UUID problem = UUID.randomUUID();
        ClusterDecisions joining = new ClusterDecisions(rule, T0, List.of(),
                Map.of(new ClusterDecisions.Group("payroll", "export stalled"), problem));
        UUID another = UUID.randomUUID();
        joining.opened(opened(another, T0));
        assertThat(joining.raised()).isEmpty();
        assertThat(joining.joined()).containsExactly(new ClusterDecisions.Joined(problem, another));
    }
}
