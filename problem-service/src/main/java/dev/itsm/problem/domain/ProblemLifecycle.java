package dev.itsm.problem.domain;

import dev.itsm.contracts.problem.ProblemStatus;
import dev.itsm.kit.domain.ApiProblem;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.itsm.contracts.problem.ProblemStatus.*;

/**
 * New → Assess → Root Cause Analysis → Fix in Progress → Resolved → Closed. Resolve may follow the analysis
 * directly when the fix is a change still to be made; a known error may be recorded at any point of the
 * investigation. An implemented change closes the problem from wherever it is (see {@link #closedByChange}).
 */
public final class ProblemLifecycle {
    private record Transition(Set<ProblemStatus> from, ProblemStatus to) {
    }

    private static final Map<ProblemStep, Transition> TRANSITIONS = Map.of(
            ProblemStep.ASSESS, new Transition(EnumSet.of(NEW), ASSESS),
            ProblemStep.ANALYSE, new Transition(EnumSet.of(ASSESS), ROOT_CAUSE_ANALYSIS),
            ProblemStep.FIX, new Transition(EnumSet.of(ROOT_CAUSE_ANALYSIS), FIX_IN_PROGRESS),
            ProblemStep.RESOLVE, new Transition(EnumSet.of(ROOT_CAUSE_ANALYSIS, FIX_IN_PROGRESS), RESOLVED),
            ProblemStep.CLOSE, new Transition(EnumSet.of(RESOLVED), CLOSED),
            // Assigning the Problem Owner does not move the problem either.
            ProblemStep.ASSIGN, new Transition(EnumSet.of(NEW, ASSESS, ROOT_CAUSE_ANALYSIS, FIX_IN_PROGRESS, RESOLVED), null),
            // Recording a known error does not move the problem.
            ProblemStep.KNOWN_ERROR, new Transition(EnumSet.of(ASSESS, ROOT_CAUSE_ANALYSIS, FIX_IN_PROGRESS, RESOLVED), null));

    private ProblemLifecycle() {
    }

    /** The state after the step (the same state for a known error), or 409 naming the allowed steps. */
    public static ProblemStatus next(ProblemStatus current, ProblemStep step) {
        Transition transition = TRANSITIONS.get(step);
        if (transition == null || !transition.from().contains(current)) {
            throw ApiProblem.conflict("a problem in state " + current + " does not allow the step " + step.pathName(),
                    Map.of("currentStatus", current.name(), "allowedSteps", allowedSteps(current)));
        }
        return transition.to() != null ? transition.to() : current;
    }

    public static List<String> allowedSteps(ProblemStatus current) {
        return TRANSITIONS.entrySet().stream()
                .filter(e -> e.getValue().from().contains(current))
                .map(e -> e.getKey().pathName())
                .sorted()
                .toList();
    }

    /** Whether an implemented change still has something to close. */
    public static boolean closedByChange(ProblemStatus current) {
        return current != CLOSED;
    }
}
