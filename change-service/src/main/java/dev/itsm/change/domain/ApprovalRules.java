package dev.itsm.change.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Segregation of duties and authorisation of a change (seeds 001 and 004): whoever requested, owns or implements a
 * change never decides on it; a change is authorised by a quorum of distinct members of its board (the CAB, the
 * ECAB for emergencies; a Change Manager counts as a member of either); a high-risk change also needs its service's
 * Business Owner. One rejection rejects. Plain Java, so that the rules are tested without a server.
 */
public final class ApprovalRules {
    public static final Set<String> RISKS = Set.of("LOW", "MEDIUM", "HIGH");

    private ApprovalRules() {
    }

    public enum Outcome { PENDING, APPROVED, REJECTED }

    /** A decision already taken. */
    public record Decision(String approverId, boolean approved, boolean asBoard, boolean asBusinessOwner) {
    }

    /** In which capacity an approver decides. */
    public record Capacity(boolean board, boolean businessOwner) {
    }

    /** Who a change belongs to, for segregation of duties. */
    public record Parties(String requesterId, String ownerId, String implementerId) {
    }

    public static String normaliseRisk(String risk) {
        String normal = risk == null ? null : risk.strip().toUpperCase(Locale.ROOT);
        if (normal == null || !RISKS.contains(normal)) {
            throw ApiProblem.unprocessable("risk must be one of " + RISKS.stream().sorted().toList());
        }
        return normal;
    }

    /** High risk, or not assessed at all (an emergency skips assessment): the service's Business Owner must agree too. */
    public static boolean needsBusinessOwner(String risk) {
        return risk == null || "HIGH".equalsIgnoreCase(risk);
    }

    public static RoleCode board(ChangeType type) {
        return type == ChangeType.EMERGENCY ? RoleCode.ECAB : RoleCode.CAB;
    }

    /**
     * The capacity in which the actor may decide on this change, or a 403 (segregation of duties, wrong board, not
     * the Business Owner asked for) or 409 (already decided).
     */
    public static Capacity capacity(Actor actor, ChangeType type, String serviceCode, Parties parties, String businessOwnerId,
                                    boolean needsBusinessOwner, List<Decision> prior) {
        requireIndependent(actor, parties);
        if (prior.stream().anyMatch(d -> actor.is(d.approverId()))) {
            throw ApiProblem.conflict("you have decided on this change already", Map.of("approverId", actor.id()));
        }
        RoleCode board = board(type);
        boolean asBoard = actor.holdsFor(board, serviceCode) || actor.holdsFor(RoleCode.CHANGE_MANAGER, serviceCode);
        boolean asBusinessOwner = needsBusinessOwner && businessOwnerId != null && actor.is(businessOwnerId)
                && actor.holdsFor(RoleCode.BUSINESS_OWNER, serviceCode);
        if (!asBoard && !asBusinessOwner) {
            throw new ApiProblem(403, "forbidden-record", "This record is outside your scope",
                    "a " + type + " change is decided by the " + board + " or a Change Manager"
                            + (needsBusinessOwner ? ", and by its service's Business Owner" : ""),
                    Map.of("level", "record", "requiredRoles", List.of(board.name(), RoleCode.CHANGE_MANAGER.name())));
        }
        return new Capacity(asBoard, asBusinessOwner);
    }

    /** 403 when the actor requested, owns or implements the change. */
    public static void requireIndependent(Actor actor, Parties parties) {
        if (actor.is(parties.requesterId()) || actor.is(parties.ownerId()) || actor.is(parties.implementerId())) {
            throw new ApiProblem(403, "segregation-of-duties", "You may not decide on this change",
                    "whoever requests, owns or implements a change never approves or rejects it",
                    Map.of("level", "record", "rule", "segregation of duties"));
        }
    }

    /** Where the decisions leave the change. */
    public static Outcome outcome(int quorum, boolean needsBusinessOwner, List<Decision> decisions) {
        if (decisions.stream().anyMatch(d -> !d.approved())) {
            return Outcome.REJECTED;
        }
        long boardApprovals = decisions.stream().filter(d -> d.approved() && d.asBoard()).map(Decision::approverId)
                .filter(Objects::nonNull).distinct().count();
        boolean businessOwnerApproved = decisions.stream().anyMatch(d -> d.approved() && d.asBusinessOwner());
        return boardApprovals >= quorum && (!needsBusinessOwner || businessOwnerApproved) ? Outcome.APPROVED : Outcome.PENDING;
    }
}
