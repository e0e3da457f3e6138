package dev.itsm.incident.domain;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.kit.security.Actor;

/**
 * The two checks every step on an existing incident passes, in this order: the actor's role ({@link IncidentPolicy},
 * 403), then the incident's state ({@link IncidentLifecycle}, 409). The step's own input is checked after both.
 */
public final class StepGate {
    private StepGate() {
    }

    /** @return the state after the step */
    public static IncidentStatus pass(Actor actor, IncidentStatus status, boolean major, IncidentStep step) {
        IncidentPolicy.POLICY.require(actor, step);
        return IncidentLifecycle.next(status, major, step);
    }
}
