package dev.itsm.incident.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.incident.MajorIncidentRole;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Who fills the seed roles of a major incident: the Incident Manager who declares it (unless they name another), and
 * for IT Communications, Scribe, Liaison and Outage Coordinator the person named in the declaration or else the
 * first holder in the directory (holders for the incident's service first); the Service Restoration Team is the
 * people named, or else the members of the directory's restoration team groups (001: "constituted by the Outage
 * Coordinator"). A role nobody holds stays unfilled. Plain Java.
 */
public final class MajorIncidentTeam {
    /** The individual roles, in the order the team is shown. */
    public static final List<RoleCode> ROLES = List.of(RoleCode.INCIDENT_MANAGER, RoleCode.IT_COMMUNICATIONS, RoleCode.SCRIBE,
            RoleCode.LIAISON, RoleCode.OUTAGE_COORDINATOR);

    private MajorIncidentTeam() {
    }

    /**
     * @param named            people the declaration names per role (already checked to hold it)
     * @param namedTeam        restoration team members the declaration names; empty to take the directory's
     * @param holders          each role's holders in the directory, best first
     * @param restorationGroup members of the directory's Service Restoration Team groups
     */
    public static List<MajorIncidentRole> fill(String declarerId, Map<RoleCode, String> named, List<String> namedTeam,
                                               Map<String, List<String>> holders, List<String> restorationGroup) {
        List<MajorIncidentRole> team = new ArrayList<>();
        for (RoleCode role : ROLES) {
            String person = named.get(role);
            if (person == null && role == RoleCode.INCIDENT_MANAGER) {
                person = declarerId;
            }
            if (person == null) {
                List<String> candidates = holders.getOrDefault(role.name(), List.of());
                person = candidates.isEmpty() ? null : candidates.get(0);
            }
            if (person != null) {
                team.add(new MajorIncidentRole(role.name(), person));
            }
        }
        for (String member : new LinkedHashSet<>(namedTeam.isEmpty() ? restorationGroup : namedTeam)) {
            team.add(new MajorIncidentRole(RoleCode.SERVICE_RESTORATION_TEAM.name(), member));
        }
        return team;
    }

    /** The roles nobody fills. */
    public static List<String> unfilled(List<MajorIncidentRole> team) {
        List<String> missing = new ArrayList<>();
        for (RoleCode role : ROLES) {
            if (team.stream().noneMatch(r -> r.role().equals(role.name()))) {
                missing.add(role.name());
            }
        }
        if (team.stream().noneMatch(r -> r.role().equals(RoleCode.SERVICE_RESTORATION_TEAM.name()))) {
            missing.add(RoleCode.SERVICE_RESTORATION_TEAM.name());
        }
        return missing;
    }
}
