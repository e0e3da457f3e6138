package dev.itsm.change.domain;

import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.itsm.contracts.change.ChangeStatus.*;
import static dev.itsm.contracts.change.ChangeType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeLifecycleTest {

    @Test
    void aNormalChangeGoesThroughAssessmentAndTheCab() {
        assertThat(ChangeLifecycle.next(NORMAL, NEW, ChangeStep.SUBMIT)).isEqualTo(ASSESS);
        assertThat(ChangeLifecycle.next(NORMAL, ASSESS, ChangeStep.ASSESS)).isEqualTo(AUTHORIZE);
        assertThat(ChangeLifecycle.next(NORMAL, AUTHORIZE, ChangeStep.APPROVE)).isEqualTo(SCHEDULED);
        assertThat(ChangeLifecycle.next(NORMAL, SCHEDULED, ChangeStep.IMPLEMENT)).isEqualTo(IMPLEMENT);
        assertThat(ChangeLifecycle.next(NORMAL, IMPLEMENT, ChangeStep.COMPLETE)).isEqualTo(REVIEW);
        assertThat(ChangeLifecycle.next(NORMAL, REVIEW, ChangeStep.CLOSE)).isEqualTo(CLOSED);
        assertThat(ChangeLifecycle.next(NORMAL, AUTHORIZE, ChangeStep.REJECT)).isEqualTo(REJECTED);
    }

    @Test
    void aStandardChangeIsPreApprovedAndAnEmergencyGoesToTheEcab() {
        assertThat(ChangeLifecycle.next(STANDARD, NEW, ChangeStep.SUBMIT)).isEqualTo(SCHEDULED);
        assertThat(ChangeLifecycle.next(EMERGENCY, NEW, ChangeStep.SUBMIT)).isEqualTo(AUTHORIZE);
        assertThatThrownBy(() -> ChangeLifecycle.next(EMERGENCY, AUTHORIZE, ChangeStep.ASSESS)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void finalStatesAllowNothingAndConflictsNameTheAllowedSteps() {
        assertThat(ChangeLifecycle.allowedSteps(NORMAL, CLOSED)).isEmpty();
        assertThat(ChangeLifecycle.allowedSteps(NORMAL, REJECTED)).isEmpty();
        assertThatThrownBy(() -> ChangeLifecycle.next(NORMAL, NEW, ChangeStep.APPROVE))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.properties()).containsEntry("allowedSteps", List.of("assign", "submit", "cancel"));
                });
    }

    @Test
    void theOwnerNeverApprovesTheirOwnChangeAndEmergenciesNeedTheEcab() {
        var parties = new ApprovalRules.Parties("olive", "olive", null);
        Actor ownerOnTheCab = new Actor("olive", Set.of("CAB", "CHANGE_OWNER"));
        assertThatThrownBy(() -> ApprovalRules.capacity(ownerOnTheCab, NORMAL, "payroll", parties, null, false, java.util.List.of()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
        assertThat(ApprovalRules.capacity(new Actor("carl", Set.of("CAB")), NORMAL, "payroll", parties, null, false, java.util.List.of())
                .board()).isTrue();
        assertThatThrownBy(() -> ApprovalRules.capacity(new Actor("carl", Set.of("CAB")), EMERGENCY, "payroll", parties, null, false,
                java.util.List.of())).isInstanceOf(ApiProblem.class);
        assertThat(ApprovalRules.capacity(new Actor("erin", Set.of("ECAB")), EMERGENCY, "payroll", parties, null, false,
                java.util.List.of()).board()).isTrue();
    }

    @Test
    void windowsConflictWhenTheyOverlapAndFreezesBlockAllButEmergencies() {
        Instant t = Instant.parse("2030-01-08T22:00:00Z");
        var proposed = new ScheduleRules.Window(t, t.plusSeconds(3600));
        var adjacent = new ScheduleRules.Booked(UUID.randomUUID(), "CHG1", new ScheduleRules.Window(t.plusSeconds(3600), t.plusSeconds(7200)));
        var overlapping = new ScheduleRules.Booked(UUID.randomUUID(), "CHG2", new ScheduleRules.Window(t.minusSeconds(600), t.plusSeconds(60)));
        var freeze = new ScheduleRules.Freeze(UUID.randomUUID(), "year-end", new ScheduleRules.Window(t.minusSeconds(86400), t.plusSeconds(86400)));

        ScheduleRules.check(NORMAL, proposed, List.of(adjacent), List.of());
        assertThatThrownBy(() -> ScheduleRules.check(NORMAL, proposed, List.of(adjacent, overlapping), List.of()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.properties()).containsEntry("conflictingChanges", List.of("CHG2")));
        assertThatThrownBy(() -> ScheduleRules.check(NORMAL, proposed, List.of(), List.of(freeze)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.properties()).containsEntry("freezeWindows", List.of("year-end")));
        ScheduleRules.check(EMERGENCY, proposed, List.of(), List.of(freeze));
        assertThatThrownBy(() -> new ScheduleRules.Window(t, t)).isInstanceOf(ApiProblem.class);
    }
}
