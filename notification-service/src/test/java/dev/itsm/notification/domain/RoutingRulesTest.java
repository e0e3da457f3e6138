package dev.itsm.notification.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.change.ChangeDrafted;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemRaised;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private static IncidentOpened incident(Priority priority) {
        return new IncidentOpened(UUID.randomUUID(), "INC0001001", "Payroll down", "payroll", Impact.HIGH, Urgency.HIGH, priority,
                "payroll down", IncidentOrigin.ALERT, "fp", "service-desk", "alertmanager", NOW);
    }

    @Test
    void aMajorIncidentTellsTheAssignmentGroupAndTheIncidentManagers() {
        var route = RoutingRules.incidentOpened(incident(Priority.P1)).orElseThrow();
        assertThat(route.recipients()).containsExactly(new RoutingRules.Recipients.ByGroup("service-desk"),
                new RoutingRules.Recipients.ByRole(RoleCode.INCIDENT_MANAGER));
        assertThat(route.title()).startsWith("P1 incident INC0001001");
    }

    @Test
    void aP2TellsTheGroupOnlyAndLowerPrioritiesNobody() {
        assertThat(RoutingRules.incidentOpened(incident(Priority.P2)).orElseThrow().recipients())
                .containsExactly(new RoutingRules.Recipients.ByGroup("service-desk"));
        assertThat(RoutingRules.incidentOpened(incident(Priority.P3))).isEmpty();
        assertThat(RoutingRules.incidentOpened(incident(Priority.P5))).isEmpty();
    }

    @Test
    void aRaisedProblemTellsTheProblemManagersWhy() {
        var explanation = new ClusterExplanation("same-service-same-signature", "export stalled",
                Map.of("serviceCode", "payroll"), List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()),
                NOW, NOW.plusSeconds(600), 3, 60);
        var route = RoutingRules.problemRaised(new ProblemRaised(UUID.randomUUID(), "PRB0001001", "Recurring export stalled",
                "payroll", ProblemOrigin.CLUSTERING, explanation, explanation.incidentIds(), "problem-service", NOW)).orElseThrow();
        assertThat(route.recipients()).containsExactly(new RoutingRules.Recipients.ByRole(RoleCode.PROBLEM_MANAGER));
        assertThat(route.body()).contains("3 incidents").contains("threshold 3 within 60 min");
    }

    @Test
    void changesTellTheChangeManagerTheBoardAndTheOwner() {
        UUID id = UUID.randomUUID();
        assertThat(RoutingRules.changeDrafted(new ChangeDrafted(id, "CHG1", ChangeType.NORMAL, "Fix", "payroll", null, null, NOW))
                .orElseThrow().recipients()).containsExactly(new RoutingRules.Recipients.ByRole(RoleCode.CHANGE_MANAGER));
        assertThat(RoutingRules.changeStatusChanged(status(ChangeType.NORMAL, ChangeStatus.AUTHORIZE)).orElseThrow().recipients())
                .containsExactly(new RoutingRules.Recipients.ByRole(RoleCode.CHANGE_MANAGER), new RoutingRules.Recipients.ByRole(RoleCode.CAB));
        assertThat(RoutingRules.changeStatusChanged(status(ChangeType.EMERGENCY, ChangeStatus.AUTHORIZE)).orElseThrow().recipients())
                .contains(new RoutingRules.Recipients.ByRole(RoleCode.ECAB));
        assertThat(RoutingRules.changeStatusChanged(status(ChangeType.NORMAL, ChangeStatus.SCHEDULED)).orElseThrow().recipients())
                .containsExactly(new RoutingRules.Recipients.ByPerson("olive"));
        assertThat(RoutingRules.changeStatusChanged(status(ChangeType.NORMAL, ChangeStatus.IMPLEMENT))).isEmpty();
    }

    private static ChangeStatusChanged status(ChangeType type, ChangeStatus to) {
        return new ChangeStatusChanged(UUID.randomUUID(), "CHG1", type, "payroll", null, ChangeStatus.ASSESS, to, "olive", "chris", NOW);
    }
}
