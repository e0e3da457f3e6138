package dev.itsm.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A support group (key {@code group:<code>}), e.g. payroll-tier2.
 *
 * @param role        the group role its members hold (SERVICE_DESK, TIER_1, TIER_2, TIER_3, CAB, ...)
 * @param tier        1, 2 or 3 for the functional escalation ladder; null for other groups
 * @param serviceCode set when the group supports one service
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupChanged(
        String code,
        String name,
        String role,
        Integer tier,
        String serviceCode,
        long version) {
}
