package dev.itsm.problem.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.RolePolicy;

import java.util.Map;

import static dev.itsm.contracts.RoleCode.*;

/**
 * The steps of a problem and who may take them (seeds 000 and 001): the Problem Manager runs the process
 * and alone closes; the Problem Owner and the Problem Resolution Team, with SMEs, investigate; the Service
 * Desk and the Incident Manager may raise a problem from incidents they see recur.
 */
public enum ProblemStep {
    RAISE, ASSESS, ANALYSE, KNOWN_ERROR, FIX, RESOLVE, CLOSE;

    private static final java.util.Set<RoleCode> INVESTIGATORS = RolePolicy.roles(PROBLEM_MANAGER, PROBLEM_OWNER,
            PROBLEM_RESOLUTION_TEAM, SME, TECH_LEAD, LEAD_TECHNICIAN);

    public static final RolePolicy<ProblemStep> POLICY = RolePolicy.of(Map.of(
            RAISE, RolePolicy.roles(PROBLEM_MANAGER, PROBLEM_OWNER, INCIDENT_MANAGER, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER),
            ASSESS, INVESTIGATORS,
            ANALYSE, INVESTIGATORS,
            KNOWN_ERROR, INVESTIGATORS,
            FIX, INVESTIGATORS,
            RESOLVE, RolePolicy.roles(PROBLEM_MANAGER, PROBLEM_OWNER),
            CLOSE, RolePolicy.roles(PROBLEM_MANAGER)));

    public String pathName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
