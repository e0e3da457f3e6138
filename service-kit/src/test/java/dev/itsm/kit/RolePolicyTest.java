package dev.itsm.kit;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RolePolicy;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolePolicyTest {
    enum Step { APPROVE }

    private final RolePolicy<Step> policy = RolePolicy.of(Map.of(Step.APPROVE, RolePolicy.roles(RoleCode.CHANGE_MANAGER, RoleCode.CAB)));

    @Test
    void aHolderOfAnAllowedRoleMayTakeTheStep() {
        assertThat(policy.permits(new Actor("p1", Set.of("CAB")), Step.APPROVE)).isTrue();
    }

    @Test
    void anyoneElseGetsA403ThatNamesTheRolesNeeded() {
        assertThatThrownBy(() -> policy.require(new Actor("p2", Set.of("TECHNICIAN")), Step.APPROVE))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(403);
                    assertThat(p.getMessage()).contains("CAB", "CHANGE_MANAGER");
                    assertThat(p.properties()).containsEntry("step", "APPROVE");
                });
    }
}
