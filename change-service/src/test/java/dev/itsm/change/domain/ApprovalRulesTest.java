package dev.itsm.change.domain;

import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.ScopedRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalRulesTest {
    private static final ApprovalRules.Parties PARTIES = new ApprovalRules.Parties("rita", "olive", "ian");

    private static ApprovalRules.Decision approved(String who) {
        return new ApprovalRules.Decision(who, true, true, false);
    }

    @Test
    void requesterOwnerAndImplementerNeverDecideWhateverTheirRoles() {
        for (String party : List.of("rita", "olive", "ian")) {
            Actor actor = new Actor(party, Set.of("CAB", "CHANGE_MANAGER"));
            assertThatThrownBy(() -> ApprovalRules.capacity(actor, ChangeType.NORMAL, "payroll", PARTIES, null, false, List.of()))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(403);
                        assertThat(p.type()).isEqualTo("segregation-of-duties");
                    });
        }
    }

    @Test
    void aNormalChangeNeedsAQuorumOfDistinctBoardMembers() {
        assertThat(ApprovalRules.outcome(2, false, List.of(approved("carl")))).isEqualTo(ApprovalRules.Outcome.PENDING);
        assertThat(ApprovalRules.outcome(2, false, List.of(approved("carl"), approved("carl")))).isEqualTo(ApprovalRules.Outcome.PENDING);
        assertThat(ApprovalRules.outcome(2, false, List.of(approved("carl"), approved("chris")))).isEqualTo(ApprovalRules.Outcome.APPROVED);
        assertThat(ApprovalRules.outcome(2, false, List.of(approved("carl"), new ApprovalRules.Decision("chris", false, true, false))))
                .isEqualTo(ApprovalRules.Outcome.REJECTED);
    }

    @Test
    void anApproverDecidesOnceAndOnlyOnTheBoardOfTheChangesType() {
        Actor carl = new Actor("carl", Set.of("CAB"));
        assertThat(ApprovalRules.capacity(carl, ChangeType.NORMAL, "payroll", PARTIES, null, false, List.of()).board()).isTrue();
        assertThatThrownBy(() -> ApprovalRules.capacity(carl, ChangeType.NORMAL, "payroll", PARTIES, null, false, List.of(approved("carl"))))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(409));
        assertThatThrownBy(() -> ApprovalRules.capacity(carl, ChangeType.EMERGENCY, "payroll", PARTIES, null, false, List.of()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
        Actor cabOfVpn = Actor.person("vic", List.of(new ScopedRole("CAB", "vpn", "vpn-cab")));
        assertThatThrownBy(() -> ApprovalRules.capacity(cabOfVpn, ChangeType.NORMAL, "payroll", PARTIES, null, false, List.of()))
                .isInstanceOf(ApiProblem.class);
    }

    @Test
    void highRiskAlsoNeedsTheServicesBusinessOwner() {
        assertThat(ApprovalRules.needsBusinessOwner("HIGH")).isTrue();
        assertThat(ApprovalRules.needsBusinessOwner(null)).as("not assessed").isTrue();
        assertThat(ApprovalRules.needsBusinessOwner("LOW")).isFalse();
        Actor bella = Actor.person("bella", List.of(new ScopedRole("BUSINESS_OWNER", "payroll", null)));
        ApprovalRules.Capacity capacity = ApprovalRules.capacity(bella, ChangeType.NORMAL, "payroll", PARTIES, "bella", true, List.of());
        assertThat(capacity.businessOwner()).isTrue();
        assertThat(capacity.board()).isFalse();
        assertThatThrownBy(() -> ApprovalRules.capacity(bella, ChangeType.NORMAL, "payroll", PARTIES, "bella", false, List.of()))
                .as("not asked for at low risk").isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> ApprovalRules.capacity(bella, ChangeType.NORMAL, "payroll", PARTIES, "someone-else", true, List.of()))
                .as("not this service's Business Owner").isInstanceOf(ApiProblem.class);
        var boApproval = new ApprovalRules.Decision("bella", true, false, true);
        assertThat(ApprovalRules.outcome(2, true, List.of(approved("carl"), approved("chris")))).isEqualTo(ApprovalRules.Outcome.PENDING);
        assertThat(ApprovalRules.outcome(2, true, List.of(approved("carl"), boApproval))).isEqualTo(ApprovalRules.Outcome.PENDING);
        assertThat(ApprovalRules.outcome(2, true, List.of(approved("carl"), approved("chris"), boApproval)))
                .isEqualTo(ApprovalRules.Outcome.APPROVED);
    }

    @Test
    void riskIsOneOfThree() {
        assertThat(ApprovalRules.normaliseRisk(" high ")).isEqualTo("HIGH");
        assertThatThrownBy(() -> ApprovalRules.normaliseRisk("CATASTROPHIC")).isInstanceOf(ApiProblem.class);
    }
}
