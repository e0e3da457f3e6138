package dev.itsm.kit.security;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One role as a token carries it in its {@code itsm_roles} claim: held for one service when {@code serviceCode} is
 * set (Service Owner of payroll), and conferred by membership of a directory group when {@code groupCode} is set
 * (Tier 2 through payroll-tier2). A role without a service is held for every service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScopedRole(String role, String serviceCode, String groupCode) {

    public static ScopedRole global(String role) {
        return new ScopedRole(role, null, null);
    }

    /** Whether this holding reaches a record of the given service (a record without a service is reached by any). */
    public boolean reaches(String recordServiceCode) {
        return serviceCode == null || recordServiceCode == null || serviceCode.equals(recordServiceCode);
    }
}
