package dev.itsm.incident.domain;

import java.util.Optional;

/**
 * Functional escalation: an incident moves up its service's support ladder, Tier 1 → Tier 2 → Tier 3, as the
 * directory names the groups (ServiceChanged tier1Group/tier2Group/tier3Group). Plain Java.
 */
public final class Escalation {

    /** A service's support groups by tier; a missing Tier 1 is the Service Desk's default group. */
    public record Ladder(String tier1, String tier2, String tier3) {
        public String group(int tier) {
            return switch (tier) {
                case 1 -> tier1;
                case 2 -> tier2;
                case 3 -> tier3;
                default -> null;
            };
        }

        /** The tier a group holds on this ladder, or 0 when it is not on it. */
        public int tierOf(String groupCode) {
            for (int tier = 1; tier <= 3; tier++) {
                if (groupCode != null && groupCode.equals(group(tier))) {
                    return tier;
                }
            }
            return 0;
        }
    }

    /** Where an escalation goes: the next tier and its group; the assignee is the group's on-call member, if any. */
    public record Target(int fromTier, int toTier, String fromGroup, String toGroup, String assigneeId) {
        public Target withAssignee(String assignee) {
            return new Target(fromTier, toTier, fromGroup, toGroup, assignee);
        }
    }

    private Escalation() {
    }

    /** The next tier above the incident's, if its service has a group there. */
    public static Optional<Target> next(IncidentSnapshot incident, Ladder ladder) {
        for (int tier = incident.escalationTier() + 1; tier <= 3; tier++) {
            String group = ladder.group(tier);
            if (group != null && !group.isBlank()) {
                return Optional.of(new Target(incident.escalationTier(), tier, incident.assignmentGroup(), group, null));
            }
        }
        return Optional.empty();
    }

    /**
     * The tier an incident stands at once assigned to a group: the group's own tier in the directory when it has one,
     * else its place on the service's ladder, else where the incident stood.
     */
    public static int tierAfterAssignment(IncidentSnapshot incident, String groupCode, Integer groupTier, Ladder ladder) {
        if (groupTier != null && groupTier >= 1 && groupTier <= 3) {
            return groupTier;
        }
        int onLadder = ladder.tierOf(groupCode);
        return onLadder > 0 ? onLadder : incident.escalationTier();
    }
}
