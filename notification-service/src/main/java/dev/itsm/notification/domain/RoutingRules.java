package dev.itsm.notification.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.change.ChangeDrafted;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemClosed;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.contracts.problem.ProblemResolved;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is told about what. A route names recipients by role (everyone holding it, through the directory),
 * by group (the members), or by person, with the message. Events not listed tell nobody.
 */
public final class RoutingRules {
    private RoutingRules() {
    }

    public sealed interface Recipients {
        record ByRole(RoleCode role) implements Recipients {
        }

        record ByGroup(String groupCode) implements Recipients {
        }

        record ByPerson(String personId) implements Recipients {
        }
    }

    public record Route(List<Recipients> recipients, String subject, String title, String body) {
    }

    /** The table as documentation: event, condition, recipients. */
    public record RouteDescription(String eventType, String when, String who) {
    }

    public static final List<RouteDescription> TABLE = List.of(
            new RouteDescription(EventTypes.INCIDENT_OPENED, "priority P1 or P2", "members of the incident's assignment group"),
            new RouteDescription(EventTypes.INCIDENT_OPENED, "priority P1 (major incident)", "every INCIDENT_MANAGER"),
            new RouteDescription(EventTypes.PROBLEM_RAISED, "always", "every PROBLEM_MANAGER, with the clustering explanation"),
            new RouteDescription(EventTypes.PROBLEM_RESOLVED, "always", "every PROBLEM_MANAGER"),
            new RouteDescription(EventTypes.PROBLEM_CLOSED, "always", "every PROBLEM_MANAGER"),
            new RouteDescription(EventTypes.CHANGE_DRAFTED, "always", "every CHANGE_MANAGER (an RFC awaits assessment)"),
            new RouteDescription(EventTypes.CHANGE_STATUS_CHANGED, "to AUTHORIZE", "every CHANGE_MANAGER and the CAB (the ECAB for emergencies)"),
            new RouteDescription(EventTypes.CHANGE_STATUS_CHANGED, "to SCHEDULED or REJECTED", "the change's owner"));

    public static Optional<Route> incidentOpened(IncidentOpened e) {
        if (e.priority() != Priority.P1 && e.priority() != Priority.P2) {
            return Optional.empty();
        }
        List<Recipients> who = new ArrayList<>();
        if (e.assignmentGroup() != null) {
            who.add(new Recipients.ByGroup(e.assignmentGroup()));
        }
        if (e.priority() == Priority.P1) {
            who.add(new Recipients.ByRole(RoleCode.INCIDENT_MANAGER));
        }
        return Optional.of(new Route(who, e.incidentId().toString(),
                e.priority() + " incident " + e.number() + " on " + e.serviceCode() + ": " + e.title(),
                (e.priority() == Priority.P1 ? "Major incident. " : "") + "Assigned to " + e.assignmentGroup()
                        + "; impact " + e.impact() + ", urgency " + e.urgency() + "."));
    }

    public static Optional<Route> problemRaised(ProblemRaised e) {
        ClusterExplanation x = e.explanation();
        String why = x == null ? "Raised by " + e.raisedBy() + "."
                : "Raised by rule " + x.rule() + ": " + x.incidentIds().size() + " incidents with signature '" + x.signature()
                + "' on " + e.serviceCode() + " between " + x.windowStart() + " and " + x.windowEnd()
                + " (threshold " + x.threshold() + " within " + x.windowMinutes() + " min).";
        return Optional.of(new Route(List.of(new Recipients.ByRole(RoleCode.PROBLEM_MANAGER)), e.problemId().toString(),
                "Problem " + e.number() + " raised: " + e.title(), why));
    }

    public static Optional<Route> problemResolved(ProblemResolved e) {
        return Optional.of(new Route(List.of(new Recipients.ByRole(RoleCode.PROBLEM_MANAGER)), e.problemId().toString(),
                "Problem " + e.number() + " resolved", "Root cause: " + e.rootCause() + ". Fix: " + e.fix() + "."));
    }

    public static Optional<Route> problemClosed(ProblemClosed e) {
        return Optional.of(new Route(List.of(new Recipients.ByRole(RoleCode.PROBLEM_MANAGER)), e.problemId().toString(),
                "Problem " + e.number() + " closed", e.reason() != null ? e.reason() : "Closed by " + e.closedBy() + "."));
    }

    public static Optional<Route> changeDrafted(ChangeDrafted e) {
        return Optional.of(new Route(List.of(new Recipients.ByRole(RoleCode.CHANGE_MANAGER)), e.changeId().toString(),
                "Change " + e.number() + " drafted: " + e.title(),
                e.problemId() != null ? "Drafted from resolved problem " + (e.evidence() != null ? e.evidence().problemNumber() : e.problemId())
                        + "; it awaits assessment." : "It awaits assessment."));
    }

    public static Optional<Route> changeStatusChanged(ChangeStatusChanged e) {
        if (e.to() == ChangeStatus.AUTHORIZE) {
            RoleCode board = e.type() == ChangeType.EMERGENCY ? RoleCode.ECAB : RoleCode.CAB;
            return Optional.of(new Route(List.of(new Recipients.ByRole(RoleCode.CHANGE_MANAGER), new Recipients.ByRole(board)),
                    e.changeId().toString(), "Change " + e.number() + " needs approval",
                    e.type() + " change on " + e.serviceCode() + " awaits the " + board + "."));
        }
        if ((e.to() == ChangeStatus.SCHEDULED || e.to() == ChangeStatus.REJECTED) && e.ownerId() != null) {
            return Optional.of(new Route(List.of(new Recipients.ByPerson(e.ownerId())), e.changeId().toString(),
                    "Change " + e.number() + " " + e.to().name().toLowerCase(java.util.Locale.ROOT),
                    "Your change on " + e.serviceCode() + " moved from " + e.from() + " to " + e.to() + "."));
        }
        return Optional.empty();
    }
}
