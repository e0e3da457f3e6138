package dev.itsm.change.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RolePolicy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.itsm.contracts.RoleCode.*;

/**
 * The steps of a change and who takes them (seeds 001 and 004): the Change Owner or Service Owner submits,
 * the Change Manager assesses, schedules and closes, the CAB (the ECAB for emergencies) approves, the
 * Implementation Manager and technicians implement. A change's owner never approves their own change.
 */
public enum ChangeStep {
    SUBMIT, ASSESS, APPROVE, REJECT, SCHEDULE, IMPLEMENT, COMPLETE, CLOSE, CANCEL;

    private static final Set<RoleCode> IMPLEMENTERS = RolePolicy.roles(IMPLEMENTATION_MANAGER, CHANGE_OWNER, TECHNICIAN,
            LEAD_TECHNICIAN, CHANGE_MANAGER);

    public static final RolePolicy<ChangeStep> POLICY = RolePolicy.of(Map.of(
            SUBMIT, RolePolicy.roles(CHANGE_OWNER, SERVICE_OWNER, CHANGE_MANAGER, PROBLEM_MANAGER),
            ASSESS, RolePolicy.roles(CHANGE_MANAGER),
            APPROVE, RolePolicy.roles(CAB, ECAB, CHANGE_MANAGER),
            REJECT, RolePolicy.roles(CAB, ECAB, CHANGE_MANAGER),
            SCHEDULE, RolePolicy.roles(CHANGE_MANAGER, IMPLEMENTATION_MANAGER),
            IMPLEMENT, IMPLEMENTERS,
            COMPLETE, IMPLEMENTERS,
            CLOSE, RolePolicy.roles(CHANGE_MANAGER),
            CANCEL, RolePolicy.roles(CHANGE_MANAGER, CHANGE_OWNER)));

    /** Who decides depends on the type: the CAB for normal changes, the ECAB for emergencies; never the owner. */
    public static void requireApprover(Actor actor, ChangeType type, String ownerId) {
        POLICY.require(actor, APPROVE);
        Set<RoleCode> board = type == ChangeType.EMERGENCY ? Set.of(ECAB, CHANGE_MANAGER) : Set.of(CAB, CHANGE_MANAGER);
        if (!actor.hasAny(board.toArray(RoleCode[]::new))) {
            throw ApiProblem.forbidden("a " + type + " change is decided by " + board, Map.of("requiredRoles",
                    board.stream().map(Enum::name).sorted().toList()));
        }
        if (ownerId != null && actor.is(ownerId)) {
            throw ApiProblem.forbidden("the owner of a change never approves or rejects it", Map.of("ownerId", ownerId));
        }
    }

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> pathNames() {
        return java.util.Arrays.stream(values()).map(ChangeStep::pathName).toList();
    }
}
