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
                    assertThat(p.properties()).containsEntry("allowedSteps", java.util.List.of("assess"));
                });
    }

    @Test
    void anImplementedChangeClosesAnythingNotClosed() {
        assertThat(ProblemLifecycle.closedByChange(RESOLVED)).isTrue();
        assertThat(ProblemLifecycle.closedByChange(ROOT_CAUSE_ANALYSIS)).isTrue();
        assertThat(ProblemLifecycle.closedByChange(CLOSED)).isFalse();
    }

    @Test
    void onlyTheProblemManagerCloses() {
        assertThat(ProblemStep.POLICY.permits(new Actor("pat", Set.of("PROBLEM_MANAGER")), ProblemStep.CLOSE)).isTrue();
        assertThat(ProblemStep.POLICY.permits(new Actor("o", Set.of("PROBLEM_OWNER")), ProblemStep.CLOSE)).isFalse();
        assertThat(ProblemStep.POLICY.permits(new Actor("o", Set.of("PROBLEM_OWNER")), ProblemStep.RESOLVE)).isTrue();
        assertThat(ProblemStep.POLICY.permits(new Actor("t", Set.of("PROBLEM_RESOLUTION_TEAM")), ProblemStep.ANALYSE)).isTrue();
        assertThat(ProblemStep.POLICY.permits(new Actor("t", Set.of("PROBLEM_RESOLUTION_TEAM")), ProblemStep.RESOLVE)).isFalse();
        assertThat(ProblemStep.POLICY.permits(new Actor("u", Set.of("USER")), ProblemStep.RAISE)).isFalse();
    }
}
