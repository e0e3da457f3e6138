package dev.itsm.change.domain;

import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.domain.ApiProblem;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.itsm.contracts.change.ChangeStatus.*;

/**
 * Normal: New → Assess → Authorize (CAB) → Scheduled → Implement → Review (PIR) → Closed.
 * Standard changes are pre-approved: submitting schedules them. Emergency changes go straight to the ECAB.
 * Rejected and Canceled are final.
 */
public final class ChangeLifecycle {
    private static final Set<ChangeStatus> CANCELABLE = EnumSet.of(NEW, ASSESS, AUTHORIZE, SCHEDULED);

    private ChangeLifecycle() {
    }

    public static ChangeStatus next(ChangeType type, ChangeStatus current, ChangeStep step) {
        ChangeStatus to = target(type, current, step);
        if (to == null) {
            throw ApiProblem.conflict("a " + type + " change in state " + current + " does not allow the step " + step.pathName(),
                    Map.of("currentStatus", current.name(), "allowedSteps", allowedSteps(type, current)));
        }
        return to;
    }

    public static List<String> allowedSteps(ChangeType type, ChangeStatus current) {
        List<String> allowed = new ArrayList<>();
        for (ChangeStep step : ChangeStep.values()) {
            if (target(type, current, step) != null) {
                allowed.add(step.pathName());
            }
        }
        return allowed;
    }

    private static ChangeStatus target(ChangeType type, ChangeStatus current, ChangeStep step) {
        return switch (step) {
            case SUBMIT -> current != NEW ? null : switch (type) {
                case STANDARD -> SCHEDULED;
                case NORMAL -> ASSESS;
                case EMERGENCY -> AUTHORIZE;
            };
            case ASSESS -> current == ASSESS && type == ChangeType.NORMAL ? AUTHORIZE : null;
            case APPROVE -> current == AUTHORIZE ? SCHEDULED : null;
            case REJECT -> current == AUTHORIZE ? REJECTED : null;
            case SCHEDULE -> current == SCHEDULED ? SCHEDULED : null;
            case IMPLEMENT -> current == SCHEDULED ? IMPLEMENT : null;
            case COMPLETE -> current == IMPLEMENT ? REVIEW : null;
            case CLOSE -> current == REVIEW ? CLOSED : null;
            case CANCEL -> CANCELABLE.contains(current) ? CANCELED : null;
            // Owner and implementer may be (re)assigned until the change is implemented.
            case ASSIGN -> CANCELABLE.contains(current) ? current : null;
        };
    }
}
