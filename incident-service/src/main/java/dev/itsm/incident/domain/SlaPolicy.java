package dev.itsm.incident.domain;

import dev.itsm.contracts.Priority;
import dev.itsm.incident.config.IncidentConfig;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The SLA targets per priority and which breaches go up the management line. Plain Java; built from configuration
 * ({@link IncidentConfig.Sla}) in the service, directly in tests.
 */
public record SlaPolicy(Map<Priority, Targets> targets, Set<Priority> hierarchical) {

    public record Targets(Duration timeToOwn, Duration timeToResolve) {
        public Targets {
            if (timeToOwn.isNegative() || timeToOwn.isZero() || timeToResolve.isNegative() || timeToResolve.isZero()) {
                throw new IllegalArgumentException("SLA targets must be positive: " + timeToOwn + ", " + timeToResolve);
            }
        }
    }

    public SlaPolicy {
        targets = Map.copyOf(targets);
        hierarchical = Set.copyOf(hierarchical);
        for (Priority priority : Priority.values()) {
            if (!targets.containsKey(priority)) {
                throw new IllegalArgumentException("no SLA targets for " + priority);
            }
        }
    }

    public static SlaPolicy of(IncidentConfig.Sla sla) {
        Map<Priority, Targets> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P1, new Targets(sla.p1().timeToOwn(), sla.p1().timeToResolve()));
        targets.put(Priority.P2, new Targets(sla.p2().timeToOwn(), sla.p2().timeToResolve()));
        targets.put(Priority.P3, new Targets(sla.p3().timeToOwn(), sla.p3().timeToResolve()));
        targets.put(Priority.P4, new Targets(sla.p4().timeToOwn(), sla.p4().timeToResolve()));
        targets.put(Priority.P5, new Targets(sla.p5().timeToOwn(), sla.p5().timeToResolve()));
        return new SlaPolicy(targets, Set.copyOf(sla.hierarchicalPriorities()));
    }

    public Targets of(Priority priority) {
        return targets.get(priority);
    }

    /** Whether a breach at this priority tells the Incident Manager. */
    public boolean escalatesToManager(Priority priority) {
        return hierarchical.contains(priority);
    }
}
