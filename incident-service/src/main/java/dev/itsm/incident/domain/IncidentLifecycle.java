package dev.itsm.incident.domain;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.kit.domain.ApiProblem;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.itsm.contracts.incident.IncidentStatus.CANCELED;
import static dev.itsm.contracts.incident.IncidentStatus.CLOSED;
import static dev.itsm.contracts.incident.IncidentStatus.IN_PROGRESS;
import static dev.itsm.contracts.incident.IncidentStatus.NEW;
import static dev.itsm.contracts.incident.IncidentStatus.ON_HOLD;
import static dev.itsm.contracts.incident.IncidentStatus.RESOLVED;

/**
 * Incident states as ITIL tools run them: New → In Progress (the assignee accepts) → On Hold (with a
 * reason, the state an SLA clock will pause in) → Resolved → Closed, or Canceled. A resolved incident may be reopened;
 * the assignee may hand a new or in-progress incident back to the Service Desk (seed 002).
 */
public final class IncidentLifecycle {
    private record Transition(Set<IncidentStatus> from, IncidentStatus to) {
    }

    private static final Map<IncidentStep, Transition> TRANSITIONS = Map.of(
            IncidentStep.ACCEPT, new Transition(EnumSet.of(NEW), IN_PROGRESS),
            IncidentStep.HOLD, new Transition(EnumSet.of(IN_PROGRESS), ON_HOLD),
            IncidentStep.RESUME, new Transition(EnumSet.of(ON_HOLD), IN_PROGRESS),
            IncidentStep.RESOLVE, new Transition(EnumSet.of(NEW, IN_PROGRESS, ON_HOLD), RESOLVED),
            IncidentStep.CLOSE, new Transition(EnumSet.of(RESOLVED), CLOSED),
            IncidentStep.CANCEL, new Transition(EnumSet.of(NEW, IN_PROGRESS, ON_HOLD), CANCELED),
            IncidentStep.REOPEN, new Transition(EnumSet.of(RESOLVED), IN_PROGRESS),
            IncidentStep.HAND_BACK, new Transition(EnumSet.of(NEW, IN_PROGRESS), NEW));

    private IncidentLifecycle() {
    }

    /** The state after the step, or a 409 problem naming the current state and the steps it allows. */
    public static IncidentStatus next(IncidentStatus current, IncidentStep step) {
        Transition transition = TRANSITIONS.get(step);
        if (transition == null || !transition.from().contains(current)) {
            throw ApiProblem.conflict("an incident in state " + current + " cannot be " + verb(step),
                    Map.of("status", current.name(), "allowedSteps", allowedSteps(current)));
        }
        return transition.to();
    }

    public static List<String> allowedSteps(IncidentStatus current) {
        return TRANSITIONS.entrySet().stream()
                .filter(e -> e.getValue().from().contains(current))
                .map(e -> e.getKey().name().toLowerCase().replace('_', '-'))
                .sorted()
                .toList();
    }

    private static String verb(IncidentStep step) {
        return switch (step) {
            case ACCEPT -> "accepted";
            case HOLD -> "put on hold";
            case RESUME -> "resumed";
            case RESOLVE -> "resolved";
            case CLOSE -> "closed";
            case CANCEL -> "canceled";
            case REOPEN -> "reopened";
            case HAND_BACK -> "handed back";
            case CREATE -> "created";
        };
    }
}
