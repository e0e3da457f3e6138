package dev.itsm.problem.domain;

import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.itsm.contracts.problem.ProblemStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemLifecycleTest {

    @Test
    void theItilPath() {
        assertThat(ProblemLifecycle.next(NEW, ProblemStep.ASSESS)).isEqualTo(ASSESS);
        assertThat(ProblemLifecycle.next(ASSESS, ProblemStep.ANALYSE)).isEqualTo(ROOT_CAUSE_ANALYSIS);
        assertThat(ProblemLifecycle.next(ROOT_CAUSE_ANALYSIS, ProblemStep.FIX)).isEqualTo(FIX_IN_PROGRESS);
        assertThat(ProblemLifecycle.next(FIX_IN_PROGRESS, ProblemStep.RESOLVE)).isEqualTo(RESOLVED);
        assertThat(ProblemLifecycle.next(RESOLVED, ProblemStep.CLOSE)).isEqualTo(CLOSED);
    }

    @Test
    void aKnownErrorDoesNotMoveTheProblem() {
        assertThat(ProblemLifecycle.next(ROOT_CAUSE_ANALYSIS, ProblemStep.KNOWN_ERROR)).isEqualTo(ROOT_CAUSE_ANALYSIS);
        assertThatThrownBy(() -> ProblemLifecycle.next(NEW, ProblemStep.KNOWN_ERROR)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void skippingTheAnalysisIsAConflictNamingTheAllowedSteps() {
        assertThatThrownBy(() -> ProblemLifecycle.next(NEW, ProblemStep.RESOLVE))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.properties()).containsEntry("allowedSteps", java.util.List.of("assess", "assign"));
                });
    }

    @Test
    void anImplementedChangeClosesAnythingNotClosed() {
        assertThat(ProblemLifecycle.closedByChange(RESOLVED)).isTrue();
        assertThat(ProblemLifecycle.closedByChange(ROOT_CAUSE_ANALYSIS)).isTrue();
        assertThat(ProblemLifecycle.closedByChange(CLOSED)).isFalse();
    }

    @Test
    void onlyTheProblemManagerClosesAndAProblemOwnerWorksOnlyTheProblemsAssignedToThem() {
        var payroll = new dev.itsm.kit.security.RecordScope("payroll", null, null, "olga", "sam");
        assertThat(ProblemAccess.POLICY.permits(new Actor("pat", Set.of("PROBLEM_MANAGER")), ProblemAccess.CLOSE, payroll)).isTrue();
        assertThat(ProblemAccess.POLICY.permits(new Actor("olga", Set.of("PROBLEM_OWNER")), ProblemAccess.CLOSE, payroll)).isFalse();
        assertThat(ProblemAccess.POLICY.permits(new Actor("olga", Set.of("PROBLEM_OWNER")), ProblemAccess.RESOLVE, payroll)).isTrue();
        assertThat(ProblemAccess.POLICY.permits(new Actor("otto", Set.of("PROBLEM_OWNER")), ProblemAccess.RESOLVE, payroll)).isFalse();
        assertThat(ProblemAccess.POLICY.permits(new Actor("t", Set.of("PROBLEM_RESOLUTION_TEAM")), ProblemAccess.ANALYSE, payroll)).isTrue();
        assertThat(ProblemAccess.POLICY.permits(new Actor("t", Set.of("PROBLEM_RESOLUTION_TEAM")), ProblemAccess.RESOLVE, payroll)).isFalse();
        assertThat(ProblemAccess.POLICY.permitsSomewhere(new Actor("u", Set.of("USER")), ProblemAccess.RAISE)).isFalse();
        assertThat(ProblemAccess.POLICY.permitsSomewhere(new Actor("u", Set.of("USER")), ProblemAccess.READ)).isFalse();
    }

    @Test
    void aServiceOwnerReadsTheProblemsOfTheirServicesOnly() {
        Actor olive = Actor.person("olive", java.util.List.of(new dev.itsm.kit.security.ScopedRole("SERVICE_OWNER", "payroll", null)));
        assertThat(ProblemAccess.POLICY.permits(olive, ProblemAccess.READ, dev.itsm.kit.security.RecordScope.ofService("payroll"))).isTrue();
        assertThat(ProblemAccess.POLICY.permits(olive, ProblemAccess.READ, dev.itsm.kit.security.RecordScope.ofService("vpn"))).isFalse();
    }
}
