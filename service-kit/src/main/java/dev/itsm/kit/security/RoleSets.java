package dev.itsm.kit.security;

import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.RoleKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.itsm.contracts.RoleCode.*;

/** Named sets of roles the access policies share; docs/access-policy.md lists each member. */
public final class RoleSets {
    /** The scopes of integration credentials: they post into the suite and read nothing. */
    public static final Set<RoleCode> INTEGRATIONS = Set.copyOf(EnumSet.of(ALERT_SOURCE, INCIDENT_SOURCE));

    /** Every role a person can hold. */
    public static final Set<RoleCode> PEOPLE = Set.copyOf(Arrays.stream(RoleCode.values())
            .filter(r -> !INTEGRATIONS.contains(r)).collect(Collectors.toCollection(() -> EnumSet.noneOf(RoleCode.class))));

    /**
     * Everyone who works in the processes (every individual and group role of the seeds), but not the people the
     * processes serve (User, Customer, Stakeholder), outside suppliers (Vendor Support) or the directory
     * administrator, who runs the product and holds no process role.
     */
    public static final Set<RoleCode> STAFF = Set.copyOf(Arrays.stream(RoleCode.values())
            .filter(r -> r.kind() != RoleKind.SYSTEM)
            .filter(r -> !EnumSet.of(USER, CUSTOMER, STAKEHOLDER, VENDOR_SUPPORT).contains(r))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(RoleCode.class))));

    private RoleSets() {
    }
}
