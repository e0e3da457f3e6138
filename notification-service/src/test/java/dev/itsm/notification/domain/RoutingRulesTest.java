package dev.itsm.notification.domain;

import dev.itsm.contracts.EventTypes;
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
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemClosed;
import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.notification.domain.RoutingRules.Recipients;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing table, walked case by case: each case is an event, and exactly who it tells. */
class RoutingRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final UUID INCIDENT = UUID.randomUUID();

    record Case(String name, String type, Object event, List<Recipients> expected) {
    }

    private static IncidentOpened opened(Priority priority) {
        return new IncidentOpened(INCIDENT, "INC0001001", "Payroll down", "payroll", Impact.HIGH, Urgency.HIGH, priority,
                "payroll down", IncidentOrigin.ALERT, "fp", "service-desk", "alertmanager", NOW);
    }

    private static IncidentStatusChanged incident(IncidentStatus from, IncidentStatus to, String reporter) {
        return new IncidentStatusChanged(INCIDENT, "INC0001001", "payroll", "payroll down", Priority.P3, from, to, "tina", "fixed",
                NOW, reporter, "service-desk", "tina");
    }

    private static ChangeStatusChanged change(ChangeType type, ChangeStatus from, ChangeStatus to) {
        return new ChangeStatusChanged(UUID.randomUUID(), "CHG1", type, "payroll", null, from, to, "olive", "chris", NOW);
    }

    private static final Recipients DESK = new Recipients.Group("service-desk");
    private static final Recipients TIER2 = new Recipients.ServiceTier("payroll", 2);
    private static final Recipients OWNERS = new Recipients.ServiceOwners("payroll");
    private static final Recipients INCIDENT_MANAGERS = new Recipients.ByRole(RoleCode.INCIDENT_MANAGER);
    private static final Recipients PROBLEM_MANAGERS = new Recipients.ByRole(RoleCode.PROBLEM_MANAGER);
    private static final Recipients CHANGE_MANAGERS = new Recipients.ByRole(RoleCode.CHANGE_MANAGER);
    private static final Recipients OWNER = new Recipients.ByPerson("olive");

    static List<Case> cases() {
        var explanation = new ClusterExplanation("same-service-same-signature", "export stalled",
                Map.of("serviceCode", "payroll"), List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()),
                NOW, NOW.plusSeconds(600), 3, 60);
        UUID problem = UUID.randomUUID();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a P1 pages group, Tier 2, owners and incident managers", EventTypes.INCIDENT_OPENED, opened(Priority.P1),
                List.of(DESK, TIER2, OWNERS, INCIDENT_MANAGERS)));
        cases.add(new Case("a P2 tells group and owners", EventTypes.INCIDENT_OPENED, opened(Priority.P2), List.of(DESK, OWNERS)));
        cases.add(new Case("a P3 tells the group", EventTypes.INCIDENT_OPENED, opened(Priority.P3), List.of(DESK)));
        cases.add(new Case("a P5 tells the group", EventTypes.INCIDENT_OPENED, opened(Priority.P5), List.of(DESK)));
        cases.add(new Case("resolution tells the reporter", EventTypes.INCIDENT_STATUS_CHANGED,
                incident(IncidentStatus.IN_PROGRESS, IncidentStatus.RESOLVED, "uma"), List.of(new Recipients.ByPerson("uma"))));
        cases.add(new Case("acceptance tells nobody", EventTypes.INCIDENT_STATUS_CHANGED,
                incident(IncidentStatus.NEW, IncidentStatus.IN_PROGRESS, "uma"), List.of()));
        cases.add(new Case("resolution without a reporter tells nobody", EventTypes.INCIDENT_STATUS_CHANGED,
                incident(IncidentStatus.IN_PROGRESS, IncidentStatus.RESOLVED, null), List.of()));
        cases.add(new Case("a raised problem", EventTypes.PROBLEM_RAISED, new ProblemRaised(problem, "PRB0001001", "Recurring export stalled",
                "payroll", ProblemOrigin.CLUSTERING, explanation, explanation.incidentIds(), "problem-service", NOW), List.of(PROBLEM_MANAGERS)));
        cases.add(new Case("a resolved problem", EventTypes.PROBLEM_RESOLVED, new ProblemResolved(problem, "PRB0001001", "t", "payroll",
                "lock", "batch", List.of(), null, "pat", NOW, 0), List.of(PROBLEM_MANAGERS)));
        cases.add(new Case("a closed problem", EventTypes.PROBLEM_CLOSED, new ProblemClosed(problem, "PRB0001001", "change-service",
                "closed by CHG1", null, NOW), List.of(PROBLEM_MANAGERS)));
        cases.add(new Case("a drafted change", EventTypes.CHANGE_DRAFTED,
                new ChangeDrafted(UUID.randomUUID(), "CHG1", ChangeType.NORMAL, "Fix", "payroll", null, null, NOW), List.of(CHANGE_MANAGERS)));
        cases.add(new Case("submitted for assessment", EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.NORMAL, ChangeStatus.NEW, ChangeStatus.ASSESS), List.of(CHANGE_MANAGERS)));
        cases.add(new Case("awaits the CAB; the assessment is a decision for the owner", EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.NORMAL, ChangeStatus.ASSESS, ChangeStatus.AUTHORIZE),
                List.of(CHANGE_MANAGERS, new Recipients.ByRole(RoleCode.CAB), OWNER)));
        cases.add(new Case("an emergency awaits the ECAB", EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.EMERGENCY, ChangeStatus.NEW, ChangeStatus.AUTHORIZE),
                List.of(CHANGE_MANAGERS, new Recipients.ByRole(RoleCode.ECAB))));
        cases.add(new Case("approved", EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.NORMAL, ChangeStatus.AUTHORIZE, ChangeStatus.SCHEDULED), List.of(OWNER)));
        cases.add(new Case("rejected", EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.NORMAL, ChangeStatus.AUTHORIZE, ChangeStatus.REJECTED), List.of(OWNER)));
        cases.add(new Case("closed after review", EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.NORMAL, ChangeStatus.REVIEW, ChangeStatus.CLOSED), List.of(OWNER)));
        cases.add(new Case("implementation starts: nobody", EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.NORMAL, ChangeStatus.SCHEDULED, ChangeStatus.IMPLEMENT), List.of()));
        return cases;
    }

    @Test
    void eachCaseTellsExactlyItsRecipients() {
        for (Case c : cases()) {
            var route = RoutingRules.route(c.type(), c.event());
            if (c.expected().isEmpty()) {
                assertThat(route).as(c.name()).isEmpty();
            } else {
                assertThat(route).as(c.name()).isPresent();
                assertThat(route.get().recipients()).as(c.name()).containsExactlyElementsOf(c.expected());
            }
        }
    }

    @Test
    void everyRuleOfTheTableIsWalkedByACase() {
        for (RoutingRules.Rule<?> rule : RoutingRules.RULES) {
            boolean covered = cases().stream().anyMatch(c -> c.type().equals(rule.eventType()) && !rule.apply(c.event()).isEmpty());
            assertThat(covered).as("a case for '%s' when %s", rule.eventType(), rule.when()).isTrue();
        }
        assertThat(RoutingRules.table()).hasSize(RoutingRules.RULES.size());
    }

    @Test
    void messagesSayWhatHappenedAndOfferTheNextStep() {
        var p1 = RoutingRules.route(EventTypes.INCIDENT_OPENED, opened(Priority.P1)).orElseThrow();
        assertThat(p1.message().title()).startsWith("P1 incident INC0001001");
        assertThat(p1.message().body()).startsWith("Major incident.");
        var resolved = RoutingRules.route(EventTypes.INCIDENT_STATUS_CHANGED,
                incident(IncidentStatus.IN_PROGRESS, IncidentStatus.RESOLVED, "uma")).orElseThrow();
        assertThat(resolved.message().actions()).extracting(RoutingRules.Action::path).containsExactly("/close", "/reopen");
        assertThat(resolved.actorId()).as("nobody is told about their own action").isEqualTo("tina");
        assertThat(RoutingRules.route(EventTypes.CHANGE_STATUS_CHANGED,
                change(ChangeType.NORMAL, ChangeStatus.AUTHORIZE, ChangeStatus.SCHEDULED)).orElseThrow().message().title())
                .isEqualTo("Change CHG1 approved");
        assertThat(RoutingRules.route("itsm.sla.breached.v1", new Object())).isEmpty();
    }
}
