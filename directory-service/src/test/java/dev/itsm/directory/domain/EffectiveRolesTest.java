package dev.itsm.directory.domain;

import dev.itsm.contracts.directory.RoleAssignment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EffectiveRolesTest {

    private static PersonGroup group(String code, String role, String service) {
        PersonGroup group = new PersonGroup();
        group.code = code;
        group.role = role;
        group.serviceCode = service;
        return group;
    }

    @Test
    void groupRolesAddToAssignedRolesOnce() {
        var groups = Map.of("cab", group("cab", "CAB", null), "payroll-tier2", group("payroll-tier2", "TIER_2", "payroll"));
        List<RoleAssignment> effective = EffectiveRoles.of(List.of(new RoleAssignment("CHANGE_MANAGER", null),
                new RoleAssignment("CAB", null)), List.of("cab", "payroll-tier2", "no-such-group"), groups);
        assertThat(effective).containsExactly(new RoleAssignment("CHANGE_MANAGER", null), new RoleAssignment("CAB", null),
                new RoleAssignment("TIER_2", "payroll"));
        assertThat(EffectiveRoles.codes(effective)).containsExactly("CHANGE_MANAGER", "CAB", "TIER_2");
    }
}
