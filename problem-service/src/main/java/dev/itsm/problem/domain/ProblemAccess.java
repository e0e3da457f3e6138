package dev.itsm.problem.domain;

import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who may do what with problems (seeds 000 and 001; docs/access-policy.md, problem-service). The Problem Manager runs
 * the process: assigns each problem its Problem Owner, and alone closes. The Problem Owner takes the problems
 * assigned to them from assessment to resolution. The Problem Resolution Team and technical specialists
 * investigate. The Service Desk and the Incident Manager raise problems from incidents they see recur. Everyone
 * reads problems of the services their roles are held for; Service and Business Owners those of their services.
 */
public enum ProblemAccess {
    RAISE, ASSIGN, ASSESS, ANALYSE, KNOWN_ERROR, FIX, RESOLVE, CLOSE, READ, READ_KNOWN_ERRORS, READ_AUDIT;

    public static final AccessPolicy<ProblemAccess> POLICY = AccessPolicy.builder(ProblemAccess.class)
            .allow(RAISE, Scope.ANY, PROBLEM_MANAGER, PROBLEM_OWNER, INCIDENT_MANAGER, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER)
            .allow(ASSIGN, Scope.ANY, PROBLEM_MANAGER)
            .allow(ASSESS, Scope.ANY, PROBLEM_MANAGER)
            .allow(ASSESS, Scope.OWNER, PROBLEM_OWNER)
            .allow(ANALYSE, Scope.ANY, PROBLEM_MANAGER, PROBLEM_RESOLUTION_TEAM, SME, TECH_LEAD, LEAD_TECHNICIAN)
            .allow(ANALYSE, Scope.OWNER, PROBLEM_OWNER)
            .allow(KNOWN_ERROR, Scope.ANY, PROBLEM_MANAGER, PROBLEM_RESOLUTION_TEAM, SME, TECH_LEAD, LEAD_TECHNICIAN)
            .allow(KNOWN_ERROR, Scope.OWNER, PROBLEM_OWNER)
            .allow(FIX, Scope.ANY, PROBLEM_MANAGER, PROBLEM_RESOLUTION_TEAM, SME, TECH_LEAD, LEAD_TECHNICIAN)
            .allow(FIX, Scope.OWNER, PROBLEM_OWNER)
            .allow(RESOLVE, Scope.ANY, PROBLEM_MANAGER)
            .allow(RESOLVE, Scope.OWNER, PROBLEM_OWNER)
            .allow(CLOSE, Scope.ANY, PROBLEM_MANAGER)
            .allow(READ, Scope.ANY, PROBLEM_MANAGER, PROBLEM_PROCESS_OWNER, PROBLEM_RESOLUTION_TEAM, SME, TECH_LEAD,
                    LEAD_TECHNICIAN, TECHNICIAN, TIER_3, INCIDENT_MANAGER, SERVICE_DESK, SERVICE_DESK_ANALYST,
                    SERVICE_DESK_MANAGER, CHANGE_MANAGER, OUTAGE_COORDINATOR, SERVICE_OWNER, SERVICE_MANAGER, BUSINESS_OWNER)
            .allow(READ, Scope.OWNER, PROBLEM_OWNER)
            .allow(READ_KNOWN_ERRORS, Scope.ANY, RoleSets.STAFF)
            .allow(READ_AUDIT, Scope.ANY, PROBLEM_MANAGER, PROBLEM_PROCESS_OWNER)
            .build();
}
