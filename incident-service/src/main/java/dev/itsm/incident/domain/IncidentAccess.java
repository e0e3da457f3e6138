package dev.itsm.incident.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;

import java.util.Set;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who may do what with incidents (seeds 001 and 002; docs/access-policy.md, incident-service). Anyone signed in
 * reports an incident, as a User does, and an incident-source integration too; alert sources only post alerts. The
 * Service Desk owns every incident: it records, closes, cancels and reopens them. Support staff (tiers, technicians,
 * specialists, the Incident Owner) work the incidents assigned to their group or to them: accept, hold, resume,
 * resolve, hand back. The Incident Manager coordinates all. A User sees the incidents they reported and reopens one
 * whose resolution is not acceptable. Integrations read nothing.
 */
public enum IncidentAccess {
    CREATE, ACCEPT, HOLD, RESUME, RESOLVE, HAND_BACK, CLOSE, CANCEL, REOPEN, POST_ALERTS, READ, READ_AUDIT;

    /** Second and third line: they act on what is assigned to their group or to them. */
    public static final Set<RoleCode> SUPPORT = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, TIER_1, TIER_2, TIER_3, TECHNICIAN,
            SME, LEAD_TECHNICIAN, INCIDENT_OWNER, INCIDENT_ASSIGNEE);
    /** Support staff who do not read every incident: they read those of their group and those assigned to them. */
    public static final Set<RoleCode> SUPPORT_BEYOND_THE_DESK = Set.of(TIER_2, TIER_3, TECHNICIAN, SME, LEAD_TECHNICIAN,
            INCIDENT_OWNER, INCIDENT_ASSIGNEE);
    /** The Service Desk, which maintains ownership of every incident. */
    public static final Set<RoleCode> DESK = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER, INCIDENT_MANAGER);
    /** Roles that may name another person as the reporter: whoever records a call for a user, and integrations. */
    public static final Set<RoleCode> RECORD_FOR_OTHERS = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER, TIER_1,
            INCIDENT_OWNER, INCIDENT_MANAGER, INCIDENT_SOURCE);

    public static final AccessPolicy<IncidentAccess> POLICY = build();

    private static AccessPolicy<IncidentAccess> build() {
        var builder = AccessPolicy.builder(IncidentAccess.class)
                .allow(CREATE, Scope.ANY, RoleSets.PEOPLE)
                .allow(CREATE, Scope.ANY, INCIDENT_SOURCE);
        for (IncidentAccess work : new IncidentAccess[]{ACCEPT, HOLD, RESUME, RESOLVE, HAND_BACK}) {
            builder.allow(work, Scope.ANY, INCIDENT_MANAGER)
                    .allow(work, Scope.GROUP, SUPPORT)
                    .allow(work, Scope.ASSIGNEE, SUPPORT);
        }
        return builder
                .allow(CLOSE, Scope.ANY, DESK)
                .allow(CLOSE, Scope.GROUP, INCIDENT_OWNER)
                .allow(CANCEL, Scope.ANY, DESK)
                .allow(CANCEL, Scope.GROUP, INCIDENT_OWNER)
                .allow(REOPEN, Scope.ANY, DESK)
                .allow(REOPEN, Scope.REQUESTER, RoleSets.PEOPLE)
                .allow(POST_ALERTS, Scope.ANY, ALERT_SOURCE)
                .allow(READ, Scope.ANY, INCIDENT_MANAGER, INCIDENT_PROCESS_OWNER, SERVICE_DESK, SERVICE_DESK_ANALYST,
                        SERVICE_DESK_MANAGER, TIER_1, OUTAGE_COORDINATOR, IT_COMMUNICATIONS, PROBLEM_MANAGER,
                        PROBLEM_RESOLUTION_TEAM, SERVICE_OWNER, SERVICE_MANAGER)
                .allow(READ, Scope.GROUP, SUPPORT_BEYOND_THE_DESK)
                .allow(READ, Scope.ASSIGNEE, SUPPORT_BEYOND_THE_DESK)
                .allow(READ, Scope.REQUESTER, RoleSets.PEOPLE)
                .allow(READ_AUDIT, Scope.ANY, INCIDENT_MANAGER, INCIDENT_PROCESS_OWNER)
                .build();
    }

    public static IncidentAccess of(IncidentStep step) {
        return valueOf(step.name());
    }
}
