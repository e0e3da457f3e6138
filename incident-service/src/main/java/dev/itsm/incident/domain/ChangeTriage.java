package dev.itsm.incident.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Change-aware triage: most incidents follow a change, so a new incident on a service whose change was implemented
 * shortly before it opened (or was being implemented when it opened) is linked to that change. The latest such change
 * wins. Times are the events' own (the change's implementation, the incident's opening), so a replay decides the
 * same. Plain Java.
 */
public final class ChangeTriage {

    /** This service's copy of a change: when its implementation began and when it completed. */
    public record RecentChange(UUID changeId, String number, String serviceCode, Instant implementationStartedAt,
                               Instant implementedAt) {
    }

    private ChangeTriage() {
    }

    public static Optional<SuspectChange> suspect(String serviceCode, Instant openedAt, Duration window,
                                                  Collection<RecentChange> changes) {
        Instant since = openedAt.minus(window);
        return changes.stream()
                .filter(c -> c.serviceCode().equals(serviceCode))
                .map(c -> new SuspectChange(c.changeId(), c.number(), touchedAt(c, since, openedAt)))
                .filter(s -> s.implementedAt() != null)
                .max(Comparator.comparing(SuspectChange::implementedAt).thenComparing(s -> s.changeId().toString()));
    }

    /** When the change last touched the service before the incident opened, if within the window or still under way. */
    private static Instant touchedAt(RecentChange c, Instant since, Instant openedAt) {
        if (c.implementedAt() != null && !c.implementedAt().isAfter(openedAt) && c.implementedAt().isAfter(since)) {
            return c.implementedAt();
        }
        Instant started = c.implementationStartedAt();
        boolean underWay = started != null && !started.isAfter(openedAt)
                && (c.implementedAt() == null || c.implementedAt().isAfter(openedAt));
        return underWay ? started : null;
    }
}
