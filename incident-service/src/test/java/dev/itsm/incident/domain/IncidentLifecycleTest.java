package dev.itsm.incident.domain;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.kit.domain.ApiProblem;
import org.junit.jupiter.api.Test;

import static dev.itsm.contracts.incident.IncidentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentLifecycleTest {

    @Test
    void theHappyPathAcceptResolveClose() {
        IncidentStatus s = IncidentLifecycle.next(NEW, IncidentStep.ACCEPT);
        assertThat(s).isEqualTo(IN_PROGRESS);
        s = IncidentLifecycle.next(s, IncidentStep.RESOLVE);
        assertThat(s).isEqualTo(RESOLVED);
        assertThat(IncidentLifecycle.next(s, IncidentStep.CLOSE)).isEqualTo(CLOSED);
    }

    @Test
    void holdPausesAndResumeReturnsToWork() {
        assertThat(IncidentLifecycle.next(IN_PROGRESS, IncidentStep.HOLD)).isEqualTo(ON_HOLD);
        assertThat(IncidentLifecycle.next(ON_HOLD, IncidentStep.RESUME)).isEqualTo(IN_PROGRESS);
    }

    @Test
    void aResolvedIncidentCanBeReopenedButAClosedOneCannot() {
        assertThat(IncidentLifecycle.next(RESOLVED, IncidentStep.REOPEN)).isEqualTo(IN_PROGRESS);
        assertThatThrownBy(() -> IncidentLifecycle.next(CLOSED, IncidentStep.REOPEN))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.properties()).containsEntry("currentStatus", "CLOSED");
                });
    }

    @Test
    void closingBeforeResolvingIsAConflictThatNamesTheAllowedSteps() {
        assertThatThrownBy(() -> IncidentLifecycle.next(NEW, IncidentStep.CLOSE))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.properties().get("allowedSteps"))
                            .asList().containsExactly("accept", "assign", "cancel", "classify", "comment", "declare-major",
                                    "escalate", "hand-back", "resolve", "stakeholder-update", "update", "work-note");
                });
    }

    @Test
    void finalStatesAllowNothing() {
        assertThat(IncidentLifecycle.allowedSteps(CLOSED)).isEmpty();
        assertThat(IncidentLifecycle.allowedSteps(CANCELED)).isEmpty();
    }
}
