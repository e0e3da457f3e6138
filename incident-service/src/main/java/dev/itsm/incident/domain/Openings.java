package dev.itsm.incident.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What every new incident gets before it is stored, whether an alert or a person opened it: its service's Tier 1
 * group, and the change to suspect if one was implemented on the service shortly before. Plain Java.
 */
public final class Openings {
    private Openings() {
    }

    public static IncidentSnapshot prepare(IncidentSnapshot draft, Map<String, String> tier1Groups, String defaultGroup,
                                           Collection<ChangeTriage.RecentChange> changes, Duration changeWindow) {
        IncidentSnapshot routed = draft.routedTo(tier1Groups.getOrDefault(draft.serviceCode(), defaultGroup));
        return ChangeTriage.suspect(draft.serviceCode(), draft.openedAt(), changeWindow, changes)
                .map(routed::suspecting).orElse(routed);
    }

    /** The first lines of a new incident's timeline. */
    public static List<TimelineEntry> timeline(IncidentSnapshot opened, String actorId, String how) {
        List<TimelineEntry> lines = new ArrayList<>(2);
        lines.add(new TimelineEntry(opened.id(), opened.openedAt(), actorId, TimelineEntry.Kind.OPENED,
                TimelineEntry.Visibility.CUSTOMER, how + "; priority " + opened.priority() + " (impact " + opened.impact()
                + " x urgency " + opened.urgency() + "), assigned to group " + opened.assignmentGroup(), "status", null,
                opened.status().name()));
        SuspectChange change = opened.suspectChange();
        if (change != null) {
            lines.add(new TimelineEntry(opened.id(), opened.openedAt(), actorId, TimelineEntry.Kind.CHANGE,
                    TimelineEntry.Visibility.INTERNAL, "change " + (change.number() != null ? change.number() : change.changeId())
                    + " was implemented on " + opened.serviceCode() + " at " + change.implementedAt()
                    + ", shortly before this incident opened: suspect it first", "suspectChange", null, change.changeId().toString()));
        }
        return lines;
    }
}
