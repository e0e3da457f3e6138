package dev.itsm.incident.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.RolePolicy;

import java.util.Map;
import java.util.Set;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who may take which incident step, from the seeds: the Service Desk records, classifies, resolves and
 * closes (002, 001); assignees and second/third line accept, resolve or hand back (002, 001 Tier 2/3);
 * the Incident Owner and Incident Manager control the whole incident (001, 002). Anyone signed in may
 * report one, as a User does (002).
 */
public final class IncidentPolicy {
    private static final Set<RoleCode> SUPPORT = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, TIER_1, TIER_2, TIER_3,
            TECHNICIAN, SME, LEAD_TECHNICIAN, INCIDENT_ASSIGNEE, INCIDENT_OWNER, INCIDENT_MANAGER);
    private static final Set<RoleCode> DESK = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER,
            INCIDENT_OWNER, INCIDENT_MANAGER);

    public static final RolePolicy<IncidentStep> POLICY = RolePolicy.of(Map.of(
            IncidentStep.CREATE, Set.of(RoleCode.values()),
            IncidentStep.ACCEPT, SUPPORT,
            IncidentStep.HOLD, SUPPORT,
            IncidentStep.RESUME, SUPPORT,
            IncidentStep.RESOLVE, SUPPORT,
            IncidentStep.HAND_BACK, SUPPORT,
            IncidentStep.CLOSE, DESK,
            IncidentStep.CANCEL, DESK,
            IncidentStep.REOPEN, DESK));

    private IncidentPolicy() {
    }
}
