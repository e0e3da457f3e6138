package dev.itsm.incident.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.RolePolicy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who may take which incident step, from the seeds:
 * <ul>
 *   <li>anyone signed in reports an incident, as a User does (002);</li>
 *   <li>the Service Desk records, classifies, updates, assigns, resolves and closes (002 "creating, classifying and
 *   updating Incident records", "ensuring that Incidents are assigned to the most appropriate group", "closing
 *   Incidents"); Tier 1 categorises, prioritises and escalates (001);</li>
 *   <li>assignees and second/third line accept, resolve, hand back (002 Incident Assignee), keep the record updated
 *   and elevate it to the next level of support (002 SME);</li>
 *   <li>the Incident Owner controls all activities of the incident and brings in specialists (002); the Incident
 *   Manager coordinates between support groups and tracks escalated incidents (001), declares and runs major
 *   incidents and conducts the post-incident review (004);</li>
 *   <li>during an outage the Scribe takes notes (001), IT Communications and the Liaison communicate with the
 *   organisation (001), the Outage Coordinator leads and follows up (001);</li>
 *   <li>a User adds information to an incident (002 "providing the required information").</li>
 * </ul>
 */
public final class IncidentPolicy {
    /** Second and third line, and whoever works an incident assigned to them. */
    static final Set<RoleCode> SUPPORT = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, TIER_1, TIER_2, TIER_3,
            TECHNICIAN, SME, LEAD_TECHNICIAN, INCIDENT_ASSIGNEE, INCIDENT_OWNER, INCIDENT_MANAGER);
    /** The Service Desk, which keeps ownership of incidents (001 Service Desk). */
    static final Set<RoleCode> DESK = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER,
            INCIDENT_OWNER, INCIDENT_MANAGER);
    /** Who categorises and prioritises: the desk and Tier 1 (001, 002, 004 "incident triage"). */
    static final Set<RoleCode> TRIAGE = union(DESK, Set.of(TIER_1));
    /** Who routes incidents to a group or person: the desk, the Incident Owner and the Incident Manager. */
    static final Set<RoleCode> ROUTING = Set.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER, INCIDENT_OWNER,
            INCIDENT_MANAGER);
    /** Who writes in the work log: everyone working it, and the Scribe and Outage Coordinator of an outage. */
    static final Set<RoleCode> WORK_LOG = union(union(SUPPORT, DESK), Set.of(SCRIBE, OUTAGE_COORDINATOR));
    /** Who talks with the reporter: the people working it, and the User who reported it. */
    static final Set<RoleCode> CONVERSATION = union(union(SUPPORT, DESK), Set.of(USER, CUSTOMER));
    /** Who keeps the organisation informed during a major incident. */
    static final Set<RoleCode> COMMUNICATIONS = Set.of(IT_COMMUNICATIONS, LIAISON, INCIDENT_MANAGER);
    /** Who reviews a major incident and follows up. */
    static final Set<RoleCode> REVIEWERS = Set.of(INCIDENT_MANAGER, OUTAGE_COORDINATOR);

    public static final RolePolicy<IncidentStep> POLICY = RolePolicy.of(Map.ofEntries(
            Map.entry(IncidentStep.CREATE, Set.of(RoleCode.values())),
            Map.entry(IncidentStep.ACCEPT, SUPPORT),
            Map.entry(IncidentStep.HOLD, SUPPORT),
            Map.entry(IncidentStep.RESUME, SUPPORT),
            Map.entry(IncidentStep.RESOLVE, SUPPORT),
            Map.entry(IncidentStep.HAND_BACK, SUPPORT),
            Map.entry(IncidentStep.CLOSE, DESK),
            Map.entry(IncidentStep.CANCEL, DESK),
            Map.entry(IncidentStep.REOPEN, DESK),
            Map.entry(IncidentStep.CLASSIFY, TRIAGE),
            Map.entry(IncidentStep.UPDATE, union(SUPPORT, DESK)),
            Map.entry(IncidentStep.ASSIGN, ROUTING),
            Map.entry(IncidentStep.ESCALATE, SUPPORT),
            Map.entry(IncidentStep.WORK_NOTE, WORK_LOG),
            Map.entry(IncidentStep.COMMENT, CONVERSATION),
            Map.entry(IncidentStep.DECLARE_MAJOR, Set.of(INCIDENT_MANAGER)),
            Map.entry(IncidentStep.STAKEHOLDER_UPDATE, COMMUNICATIONS),
            Map.entry(IncidentStep.REVIEW, REVIEWERS)));

    /**
     * Who reads how incidents are handled: the Incident Manager and the process owner (001), the Service Desk Manager
     * ("monitor team performance"), the Service Level Manager and IT Service Delivery Manager (003, 004 "service level
     * management"), the Service Owner ("monitor service performance and report on KPIs"), the Process Owner and
     * Process Manager ("produce regular process performance reports") and the CSI Manager (003).
     */
    public static final RolePolicy<IncidentReport> REPORTS = RolePolicy.of(Map.of(IncidentReport.SERVICE_LEVELS,
            Set.of(INCIDENT_MANAGER, INCIDENT_PROCESS_OWNER, SERVICE_DESK_MANAGER, SERVICE_LEVEL_MANAGER,
                    IT_SERVICE_DELIVERY_MANAGER, SERVICE_OWNER, PROCESS_OWNER, PROCESS_MANAGER, CSI_MANAGER)));

    private IncidentPolicy() {
    }

    /** Whether the actor works incidents and so reads work notes; everyone else reads what the reporter reads. */
    public static boolean readsWorkNotes(dev.itsm.kit.security.Actor actor) {
        return WORK_LOG.stream().anyMatch(role -> actor.roles().contains(role.name()))
                || COMMUNICATIONS.stream().anyMatch(role -> actor.roles().contains(role.name()))
                || REPORTS.permits(actor, IncidentReport.SERVICE_LEVELS);
    }

    private static Set<RoleCode> union(Set<RoleCode> a, Set<RoleCode> b) {
        EnumSet<RoleCode> all = EnumSet.noneOf(RoleCode.class);
        all.addAll(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
