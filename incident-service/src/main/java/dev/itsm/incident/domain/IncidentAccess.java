package dev.itsm.incident.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;

import java.util.EnumSet;
import java.util.Set;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who may do what with incidents (seeds 001, 002, 003, 004; docs/access-policy.md, incident-service):
 * <ul>
 *   <li>anyone signed in reports an incident, as a User does, and an incident-source integration too; alert sources
 *   only post alerts; integrations read nothing;</li>
 *   <li>the Service Desk owns every incident: it records, classifies, updates, routes, closes, cancels and reopens
 *   any (002 "creating, classifying and updating Incident records", "ensuring that Incidents are assigned to the most
 *   appropriate group", "closing Incidents"); Tier 1 categorises and prioritises any (001);</li>
 *   <li>support staff (tiers, technicians, specialists, the Incident Owner and Assignee) work the incidents assigned
 *   to their group or to them: accept, hold, resume, resolve, hand back, escalate, update, write work notes and
 *   comments (002 Incident Assignee, SME); the Incident Owner controls the incidents of their group, classifying and
 *   routing them (002);</li>
 *   <li>the Incident Manager coordinates every incident, declares and runs major incidents and conducts the
 *   post-incident review (001, 004); during an outage the Scribe takes notes, IT Communications and the Liaison
 *   communicate, the Outage Coordinator leads and follows up (001);</li>
 *   <li>a User sees the incidents they reported, adds information to them and reopens one whose resolution is not
 *   acceptable (002);</li>
 *   <li>how incidents are handled (MTTA, MTTR) is read by those who manage the process and the service levels (001,
 *   003, 004), a Service Owner for their own services.</li>
 * </ul>
 */
public enum IncidentAccess {
    CREATE, ACCEPT, HOLD, RESUME, RESOLVE, HAND_BACK, ESCALATE, CLOSE, CANCEL, REOPEN, CLASSIFY, UPDATE, ASSIGN, WORK_NOTE,
    COMMENT, DECLARE_MAJOR, STAKEHOLDER_UPDATE, REVIEW, POST_ALERTS, READ, READ_METRICS, READ_AUDIT;

    /** Second and third line: they act on what is assigned to their group or to them. */
    public static final Set<RoleCode> SUPPORT = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, TIER_1, TIER_2, TIER_3, TECHNICIAN,
            SME, LEAD_TECHNICIAN, INCIDENT_OWNER, INCIDENT_ASSIGNEE);
    /** Support staff who do not own every incident: they reach those of their group and those assigned to them. */
    public static final Set<RoleCode> SUPPORT_BEYOND_THE_DESK = Set.of(TIER_2, TIER_3, TECHNICIAN, SME, LEAD_TECHNICIAN,
            INCIDENT_OWNER, INCIDENT_ASSIGNEE);
    /** The Service Desk, which maintains ownership of every incident, and the Incident Manager. */
    public static final Set<RoleCode> DESK = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER, INCIDENT_MANAGER);
    /** Roles that may name another person as the reporter: whoever records a call for a user, and integrations. */
    public static final Set<RoleCode> RECORD_FOR_OTHERS = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER, TIER_1,
            INCIDENT_OWNER, INCIDENT_MANAGER, INCIDENT_SOURCE);
    /** Who keeps the organisation informed during a major incident. */
    public static final Set<RoleCode> COMMUNICATIONS = Set.of(IT_COMMUNICATIONS, LIAISON, INCIDENT_MANAGER);
    /** Who reads how incidents are handled (MTTA, MTTR). */
    public static final Set<RoleCode> SERVICE_LEVEL_READERS = Set.of(INCIDENT_MANAGER, INCIDENT_PROCESS_OWNER, SERVICE_DESK_MANAGER,
            SERVICE_LEVEL_MANAGER, IT_SERVICE_DELIVERY_MANAGER, SERVICE_OWNER, PROCESS_OWNER, PROCESS_MANAGER, CSI_MANAGER);

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
        Set<RoleCode> supportOutsideTheDesk = union(SUPPORT_BEYOND_THE_DESK, Set.of(TIER_1));
        return builder
                // The first line routes any incident up the ladder (001 Tier 1 "escalate"); the others what they work.
                .allow(ESCALATE, Scope.ANY, INCIDENT_MANAGER, SERVICE_DESK, SERVICE_DESK_ANALYST, TIER_1)
                .allow(ESCALATE, Scope.GROUP, SUPPORT_BEYOND_THE_DESK)
                .allow(ESCALATE, Scope.ASSIGNEE, SUPPORT_BEYOND_THE_DESK)
                .allow(CLOSE, Scope.ANY, DESK)
                .allow(CLOSE, Scope.GROUP, INCIDENT_OWNER)
                .allow(CANCEL, Scope.ANY, DESK)
                .allow(CANCEL, Scope.GROUP, INCIDENT_OWNER)
                .allow(REOPEN, Scope.ANY, DESK)
                .allow(REOPEN, Scope.REQUESTER, RoleSets.PEOPLE)
                .allow(CLASSIFY, Scope.ANY, union(DESK, Set.of(TIER_1)))
                .allow(CLASSIFY, Scope.GROUP, INCIDENT_OWNER)
                .allow(CLASSIFY, Scope.ASSIGNEE, INCIDENT_OWNER)
                .allow(UPDATE, Scope.ANY, DESK)
                .allow(UPDATE, Scope.GROUP, supportOutsideTheDesk)
                .allow(UPDATE, Scope.ASSIGNEE, supportOutsideTheDesk)
                .allow(ASSIGN, Scope.ANY, DESK)
                .allow(ASSIGN, Scope.GROUP, INCIDENT_OWNER)
                .allow(ASSIGN, Scope.ASSIGNEE, INCIDENT_OWNER)
                .allow(WORK_NOTE, Scope.ANY, union(DESK, Set.of(SCRIBE, OUTAGE_COORDINATOR)))
                .allow(WORK_NOTE, Scope.GROUP, supportOutsideTheDesk)
                .allow(WORK_NOTE, Scope.ASSIGNEE, supportOutsideTheDesk)
                .allow(COMMENT, Scope.ANY, DESK)
                .allow(COMMENT, Scope.GROUP, supportOutsideTheDesk)
                .allow(COMMENT, Scope.ASSIGNEE, supportOutsideTheDesk)
                .allow(COMMENT, Scope.REQUESTER, RoleSets.PEOPLE)
                .allow(DECLARE_MAJOR, Scope.ANY, INCIDENT_MANAGER)
                .allow(STAKEHOLDER_UPDATE, Scope.ANY, COMMUNICATIONS)
                .allow(REVIEW, Scope.ANY, INCIDENT_MANAGER, OUTAGE_COORDINATOR)
                .allow(POST_ALERTS, Scope.ANY, ALERT_SOURCE)
                .allow(READ, Scope.ANY, INCIDENT_MANAGER, INCIDENT_PROCESS_OWNER, SERVICE_DESK, SERVICE_DESK_ANALYST,
                        SERVICE_DESK_MANAGER, TIER_1, OUTAGE_COORDINATOR, IT_COMMUNICATIONS, LIAISON, SCRIBE, PROBLEM_MANAGER,
                        PROBLEM_RESOLUTION_TEAM, SERVICE_OWNER, SERVICE_MANAGER)
                .allow(READ, Scope.GROUP, SUPPORT_BEYOND_THE_DESK)
                .allow(READ, Scope.ASSIGNEE, SUPPORT_BEYOND_THE_DESK)
                .allow(READ, Scope.REQUESTER, RoleSets.PEOPLE)
                .allow(READ_METRICS, Scope.ANY, SERVICE_LEVEL_READERS)
                .allow(READ_AUDIT, Scope.ANY, INCIDENT_MANAGER, INCIDENT_PROCESS_OWNER)
                .build();
    }

    public static IncidentAccess of(IncidentStep step) {
        return valueOf(step.name());
    }

    /** What an access check needs to know of an incident: service, assignment group, assignee, reporter. */
    public static RecordScope scope(IncidentSnapshot incident) {
        return new RecordScope(incident.serviceCode(), incident.assignmentGroup(), incident.assigneeId(), null, incident.reporterId());
    }

    /**
     * Whether the actor reads an incident's work notes: whoever may write them or post stakeholder updates on it, and
     * whoever reads it for another reason than having reported it. A reporter reads what the reporter sees: comments
     * and status changes.
     */
    public static boolean readsWorkNotes(Actor actor, IncidentSnapshot incident) {
        RecordScope scope = scope(incident);
        return POLICY.permits(actor, WORK_NOTE, scope) || POLICY.permits(actor, STAKEHOLDER_UPDATE, scope)
                || POLICY.grants(READ).stream().filter(g -> g.scope() != Scope.REQUESTER).anyMatch(g -> g.matches(actor, scope));
    }

    private static Set<RoleCode> union(Set<RoleCode> a, Set<RoleCode> b) {
        EnumSet<RoleCode> all = EnumSet.noneOf(RoleCode.class);
        all.addAll(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
