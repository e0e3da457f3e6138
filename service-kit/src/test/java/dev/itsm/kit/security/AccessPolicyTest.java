package dev.itsm.kit.security;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.domain.ApiProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {
    enum Action { WORK, READ }

    private final AccessPolicy<Action> policy = AccessPolicy.builder(Action.class)
            .allow(Action.WORK, Scope.ANY, RoleCode.INCIDENT_MANAGER)
            .allow(Action.WORK, Scope.GROUP, RoleCode.TIER_2)
            .allow(Action.WORK, Scope.ASSIGNEE, RoleCode.TIER_2)
            .allow(Action.READ, Scope.ANY, RoleCode.SERVICE_OWNER)
            .allow(Action.READ, Scope.REQUESTER, RoleCode.USER)
            .build();

    private static Actor tier2OfPayroll(String id) {
        return Actor.person(id, List.of(new ScopedRole("TIER_2", "payroll", "payroll-tier2"), ScopedRole.global("TECHNICIAN")));
    }

    @Test
    void aGroupRoleActsOnItsGroupsRecordsAndOnWhatIsAssignedToThePerson() {
        Actor tom = tier2OfPayroll("tom");
        assertThat(policy.permits(tom, Action.WORK, new RecordScope("payroll", "payroll-tier2", null, null, null))).isTrue();
        assertThat(policy.permits(tom, Action.WORK, new RecordScope("payroll", "service-desk", "tom", null, null))).isTrue();
        assertThat(policy.permits(tom, Action.WORK, new RecordScope("payroll", "service-desk", "someone", null, null))).isFalse();
        assertThat(policy.permits(tom, Action.WORK, new RecordScope("vpn", "infra-tier2", null, null, null))).isFalse();
    }

    @Test
    void aRoleHeldForOneServiceNeverReachesAnother() {
        Actor olive = Actor.person("olive", List.of(new ScopedRole("SERVICE_OWNER", "payroll", null)));
        assertThat(policy.permits(olive, Action.READ, RecordScope.ofService("payroll"))).isTrue();
        assertThat(policy.permits(olive, Action.READ, RecordScope.ofService("vpn"))).isFalse();
        assertThat(policy.visibility(olive, Action.READ).condition(
                new Visibility.Fields("serviceCode", null, null, null, "reporterId")).text()).isEqualTo("((serviceCode in :vs0))");
    }

    @Test
    void functionLevelIsCheckedBeforeTheRecord() {
        Actor user = new Actor("uma", Set.of("USER"));
        assertThatThrownBy(() -> policy.require(user, Action.WORK, RecordScope.NONE))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(403);
                    assertThat(p.properties()).containsEntry("level", "function");
                });
        assertThatThrownBy(() -> policy.require(tier2OfPayroll("tom"), Action.WORK, new RecordScope("payroll", "x", null, null, null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.properties()).containsEntry("level", "record"));
    }

    @Test
    void listsAreNarrowedToTheUnionOfTheActorsGrants() {
        Actor manager = new Actor("ivan", Set.of("INCIDENT_MANAGER"));
        assertThat(policy.visibility(manager, Action.WORK).everything()).isTrue();
        var condition = policy.visibility(tier2OfPayroll("tom"), Action.WORK)
                .condition(new Visibility.Fields("serviceCode", "assignmentGroup", "assigneeId", null, null));
        assertThat(condition.text()).isEqualTo(
                "((serviceCode in :vs0 and assignmentGroup in :vgroups) or (serviceCode in :vs1 and assigneeId = :vactor))");
        assertThat(condition.parameters()).containsEntry("vactor", "tom").containsEntry("vgroups", Set.of("payroll-tier2"));
        assertThat(policy.visibility(new Actor("x", Set.of("SCRIBE")), Action.WORK)
                .condition(new Visibility.Fields("serviceCode", null, null, null, null)).text()).isEqualTo("1 = 0");
        // A grant that reaches nothing here (no group) leaves no unused parameter behind.
        Actor tier2WithoutGroup = Actor.person("x", List.of(new ScopedRole("TIER_2", "payroll", null)));
        var none = policy.visibility(tier2WithoutGroup, Action.WORK)
                .condition(new Visibility.Fields("serviceCode", "assignmentGroup", "assigneeId", null, null));
        assertThat(none.text()).isEqualTo("((serviceCode in :vs0 and assigneeId = :vactor))");
        assertThat(none.parameters()).containsOnlyKeys("vs0", "vactor");
        Actor uma = new Actor("uma", Set.of("USER"));
        assertThat(policy.visibility(uma, Action.READ).reaches(new RecordScope("payroll", null, null, null, "uma"))).isTrue();
        assertThat(policy.visibility(uma, Action.READ).reaches(new RecordScope("payroll", null, null, null, "sam"))).isFalse();
    }

    @Test
    void anIntegrationHoldsItsScopesOnly() {
        Actor alertmanager = Actor.integration("alertmanager", Set.of("ALERT_SOURCE"));
        assertThat(alertmanager.isIntegration()).isTrue();
        assertThat(policy.permitsSomewhere(alertmanager, Action.READ)).isFalse();
    }
}
