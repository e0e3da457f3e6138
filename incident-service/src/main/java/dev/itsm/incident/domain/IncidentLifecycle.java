package dev.itsm.incident.domain;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.kit.domain.ApiProblem;

import java.util.EnumMap;
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
 * Incident states as ITIL tools run them: New → In Progress (the assignee accepts) → On Hold (with a reason; the SLA
 * clocks pause) → Resolved → Closed, or Canceled. A resolved incident may be reopened; the assignee may hand a new or
 * in-progress incident back to the Service Desk (seed 002). Assigning it to someone else, or escalating it to the
 * next tier, puts it back to New until the new assignee accepts (seed 002: the assignee accepts "and moves the
 * incident to In Progress"). Classifying, updating and notes leave the state as it is, on any incident still being
 * worked or just resolved. A major incident gets stakeholder updates until its post-incident review, which closes
 * a resolved one.
 */
public final class IncidentLifecycle {
    private static final Set<IncidentStatus> OPEN = EnumSet.of(NEW, IN_PROGRESS, ON_HOLD);
    private static final Set<IncidentStatus> NOT_FINAL = EnumSet.of(NEW, IN_PROGRESS, ON_HOLD, RESOLVED);

    /** @param to null: the step leaves the state as it is */
    private record Transition(Set<IncidentStatus> from, IncidentStatus to) {
    }

    private static final Map<IncidentStep, Transition> TRANSITIONS = new EnumMap<>(Map.ofEntries(
            Map.entry(IncidentStep.ACCEPT, new Transition(EnumSet.of(NEW), IN_PROGRESS)),
            Map.entry(IncidentStep.HOLD, new Transition(EnumSet.of(IN_PROGRESS), ON_HOLD)),
            Map.entry(IncidentStep.RESUME, new Transition(EnumSet.of(ON_HOLD), IN_PROGRESS)),
            Map.entry(IncidentStep.RESOLVE, new Transition(OPEN, RESOLVED)),
            Map.entry(IncidentStep.CLOSE, new Transition(EnumSet.of(RESOLVED), CLOSED)),
            Map.entry(IncidentStep.CANCEL, new Transition(OPEN, CANCELED)),
            Map.entry(IncidentStep.REOPEN, new Transition(EnumSet.of(RESOLVED), IN_PROGRESS)),
            Map.entry(IncidentStep.HAND_BACK, new Transition(EnumSet.of(NEW, IN_PROGRESS), NEW)),
            Map.entry(IncidentStep.CLASSIFY, new Transition(OPEN, null)),
            Map.entry(IncidentStep.UPDATE, new Transition(OPEN, null)),
            Map.entry(IncidentStep.ASSIGN, new Transition(EnumSet.of(NEW, IN_PROGRESS), null)),
            Map.entry(IncidentStep.ESCALATE, new Transition(EnumSet.of(NEW, IN_PROGRESS), NEW)),
            Map.entry(IncidentStep.WORK_NOTE, new Transition(NOT_FINAL, null)),
            Map.entry(IncidentStep.COMMENT, new Transition(NOT_FINAL, null)),
            Map.entry(IncidentStep.DECLARE_MAJOR, new Transition(OPEN, null)),
            Map.entry(IncidentStep.STAKEHOLDER_UPDATE, new Transition(NOT_FINAL, null)),
            Map.entry(IncidentStep.REVIEW, new Transition(EnumSet.of(RESOLVED), CLOSED))));

    /** Steps that only a major incident takes, and the one it takes only once. */
    private static final Set<IncidentStep> MAJOR_ONLY = EnumSet.of(IncidentStep.STAKEHOLDER_UPDATE, IncidentStep.REVIEW);

    private IncidentLifecycle() {
    }

    /** The state after the step, or a 409 problem naming the current state and the steps it allows. */
    public static IncidentStatus next(IncidentStatus current, IncidentStep step) {
        Transition transition = TRANSITIONS.get(step);
        if (transition == null || !transition.from().contains(current)) {
            throw ApiProblem.conflict("an incident in state " + current + " cannot be " + verb(step),
                    Map.of("currentStatus", current.name(), "allowedSteps", allowedSteps(current)));
        }
        return transition.to() == null ? current : transition.to();
    }

    /** As {@link #next(IncidentStatus, IncidentStep)}, and the steps that depend on being a major incident. */
    public static IncidentStatus next(IncidentStatus current, boolean major, IncidentStep step) {
        Transition transition = TRANSITIONS.get(step);
        if (transition == null || !transition.from().contains(current)) {
            throw ApiProblem.conflict("an incident in state " + current + " cannot be " + verb(step),
                    Map.of("currentStatus", current.name(), "major", major, "allowedSteps", allowedSteps(current, major)));
        }
        IncidentStatus to = transition.to() == null ? current : transition.to();
        if (MAJOR_ONLY.contains(step) && !major) {
            throw ApiProblem.conflict("only a major incident can be " + verb(step) + "; an Incident Manager declares one first",
                    Map.of("currentStatus", current.name(), "major", false, "allowedSteps", allowedSteps(current, false)));
        }
        if (step == IncidentStep.DECLARE_MAJOR && major) {
            throw ApiProblem.conflict("this incident is already a major incident",
                    Map.of("currentStatus", current.name(), "major", true, "allowedSteps", allowedSteps(current, true)));
        }
        return to;
    }

    public static boolean allows(IncidentStatus current, boolean major, IncidentStep step) {
        Transition transition = TRANSITIONS.get(step);
        if (transition == null || !transition.from().contains(current)) {
            return false;
        }
        return MAJOR_ONLY.contains(step) ? major : step != IncidentStep.DECLARE_MAJOR || !major;
    }

    /** The steps a state allows, whatever the major-incident status. */
    public static List<String> allowedSteps(IncidentStatus current) {
        return TRANSITIONS.entrySet().stream()
                .filter(e -> e.getValue().from().contains(current))
                .map(e -> e.getKey().path())
                .sorted()
                .toList();
    }

    public static List<String> allowedSteps(IncidentStatus current, boolean major) {
        return TRANSITIONS.keySet().stream()
                .filter(step -> allows(current, major, step))
                .map(IncidentStep::path)
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
            case CLASSIFY -> "classified";
            case UPDATE -> "updated";
            case ASSIGN -> "assigned";
            case ESCALATE -> "escalated";
            case WORK_NOTE -> "given a work note";
            case COMMENT -> "commented on";
            case DECLARE_MAJOR -> "declared a major incident";
            case STAKEHOLDER_UPDATE -> "given a stakeholder update";
            case REVIEW -> "reviewed";
        };
    }
}
