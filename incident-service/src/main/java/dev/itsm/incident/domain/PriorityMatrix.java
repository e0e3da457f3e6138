package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;

/**
 * The ITIL 3×3 matrix: priority follows from how widely it hurts (impact) and how fast it must be back (urgency).
 * <pre>
 *              urgency HIGH  MEDIUM  LOW
 * impact HIGH          P1    P2      P3
 *        MEDIUM        P2    P3      P4
 *        LOW           P3    P4      P5
 * </pre>
 */
public final class PriorityMatrix {
    private PriorityMatrix() {
    }

    public static Priority priority(Impact impact, Urgency urgency) {
        // Each step down in impact or urgency lowers the priority by one.
        return Priority.values()[impact.ordinal() + urgency.ordinal()];
    }
}
