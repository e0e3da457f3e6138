package dev.itsm.directory.domain;

import dev.itsm.contracts.directory.RoleAssignment;
import dev.itsm.kit.security.ScopedRole;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a person may do: the roles assigned to them plus the role of every group they belong to (a member
 * of the CAB group acts as CAB; a member of a Tier 2 group as TIER_2, for that group's service).
 */
public final class EffectiveRoles {
    private EffectiveRoles() {
    }

    /** Assignments, each group role added once with the group's service. */
    public static List<RoleAssignment> of(Collection<RoleAssignment> assigned, Collection<String> groupCodes,
                                          Map<String, PersonGroup> groups) {
        Set<RoleAssignment> all = new LinkedHashSet<>(assigned);
        for (String code : groupCodes) {
            PersonGroup group = groups.get(code);
            if (group != null) {
                all.add(new RoleAssignment(group.role, group.serviceCode));
            }
        }
        return new ArrayList<>(all);
    }

    /**
     * The roles a token carries with their scope: each assigned role for its service, and each group's role for the
     * group's service and through that group (a member of payroll-tier2 holds TIER_2 for payroll, via payroll-tier2).
     */
    public static List<ScopedRole> scoped(Collection<RoleAssignment> assigned, Collection<String> groupCodes,
                                          Map<String, PersonGroup> groups) {
        Set<ScopedRole> all = new LinkedHashSet<>();
        assigned.forEach(a -> all.add(new ScopedRole(a.role(), a.serviceCode(), null)));
        for (String code : groupCodes) {
            PersonGroup group = groups.get(code);
            if (group != null) {
                all.add(new ScopedRole(group.role, group.serviceCode, group.code));
            }
        }
        return new ArrayList<>(all);
    }

    /** The role codes a token carries: every role, whatever service it is held for. */
    public static Set<String> codes(Collection<RoleAssignment> effective) {
        Set<String> codes = new LinkedHashSet<>();
        effective.forEach(assignment -> codes.add(assignment.role()));
        return codes;
    }
}
