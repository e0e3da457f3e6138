package dev.itsm.incident.domain;

import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentPolicyTest {

    @Test
    void aTechnicianResolvesButOnlyTheDeskCloses() {
        Actor technician = new Actor("tom", Set.of("TECHNICIAN"));
        assertThat(IncidentPolicy.POLICY.permits(technician, IncidentStep.RESOLVE)).isTrue();
        assertThatThrownBy(() -> IncidentPolicy.POLICY.require(technician, IncidentStep.CLOSE))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
        assertThat(IncidentPolicy.POLICY.permits(new Actor("sam", Set.of("SERVICE_DESK_ANALYST")), IncidentStep.CLOSE)).isTrue();
    }

    @Test
    void aUserMayReportButNotResolve() {
        Actor user = new Actor("uma", Set.of("USER"));
        assertThat(IncidentPolicy.POLICY.permits(user, IncidentStep.CREATE)).isTrue();
        assertThat(IncidentPolicy.POLICY.permits(user, IncidentStep.RESOLVE)).isFalse();
    }

    @Test
    void anAlertSourceMayNotTakeIncidentSteps() {
        Actor alertmanager = new Actor("alertmanager", Set.of("ALERT_SOURCE"));
        assertThat(IncidentPolicy.POLICY.permits(alertmanager, IncidentStep.ACCEPT)).isFalse();
    }
}
