package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Incidents and policies for the plain rule tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    /** P1 15 min / 4 h, P2 30 min / 8 h, P3 4 h / 3 days, P4 1 day / 5 days, P5 2 days / 10 days; P1 and P2 go up the line. */
    static final SlaPolicy POLICY = policy();

    static final IncidentDecisions.Settings SETTINGS = new IncidentDecisions.Settings(Duration.ofDays(7), "service-desk",
            java.util.List.of("software", "hardware", "network"), POLICY);

    private Fixtures() {
    }

    private static SlaPolicy policy() {
        Map<Priority, SlaPolicy.Targets> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P1, new SlaPolicy.Targets(Duration.ofMinutes(15), Duration.ofHours(4)));
        targets.put(Priority.P2, new SlaPolicy.Targets(Duration.ofMinutes(30), Duration.ofHours(8)));
        targets.put(Priority.P3, new SlaPolicy.Targets(Duration.ofHours(4), Duration.ofDays(3)));
        targets.put(Priority.P4, new SlaPolicy.Targets(Duration.ofDays(1), Duration.ofDays(5)));
        targets.put(Priority.P5, new SlaPolicy.Targets(Duration.ofDays(2), Duration.ofDays(10)));
        return new SlaPolicy(targets, Set.of(Priority.P1, Priority.P2));
    }

    /** A new reported incident opened at {@link #T0}, with the policy's targets for its priority. */
    static IncidentSnapshot incident(Impact impact, Urgency urgency) {
        Priority priority = PriorityMatrix.priority(impact, urgency);
        return new IncidentSnapshot(UUID.randomUUID(), "INC0001001", true, null, "Payslips fail", null, "payroll", "payslips fail",
                null, "uma", "service-desk", null, IncidentStatus.NEW, impact, urgency, priority, 0, 0, null, null, T0, null, null,
                null, T0).with(b -> {
                    b.origin = IncidentOrigin.MANUAL;
                    b.sla = SlaTiming.of(POLICY.of(priority));
                });
    }

    static Instant at(Duration sinceT0) {
        return T0.plus(sinceT0);
    }
}
