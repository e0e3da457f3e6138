package dev.itsm.notification.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.change.ChangeDrafted;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.contracts.change.ChangeType;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemClosed;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.contracts.problem.ProblemResolved;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who is told about what, in one table. Each rule names an event type, when it applies and who it tells; every
 * event type that tells anyone also has one message. A new event type (an SLA breach, a declared major incident)
 * is one {@link #message} entry and one {@link #rule} per audience. Nobody is told about their own action.
 */
public final class RoutingRules {
    private RoutingRules() {
    }

    /** How far a recipient is reached: on every channel they chose, or only in the suite's inbox. */
    public enum Reach {
        FULL, IN_APP
    }

    /** Who, as the directory copy resolves it when the event is routed. */
    public sealed interface Recipients {
        /** Everyone holding the role. */
        record ByRole(RoleCode role) implements Recipients {
        }

        /** The group's members; where the group has an on-call rota, the member on call is paged and the others see it in-app. */
        record Group(String groupCode) implements Recipients {
        }

        /** The service's support group of that tier (1, 2 or 3), resolved like {@link Group}. */
        record ServiceTier(String serviceCode, int tier) implements Recipients {
        }

        /** The service's Service Owner and Business Owner. */
        record ServiceOwners(String serviceCode) implements Recipients {
        }

        record ByPerson(String personId) implements Recipients {
        }
    }

    /** A follow-up the recipient can take on the record: an HTTP method and a path below the record's address. */
    public record Action(String label, String method, String path) {
    }

    /** What is said, about which record. */
    public record Message(String recordKind, String recordId, String recordNumber, String serviceCode, Priority priority,
                          String title, String body, List<Action> actions) {
    }

    public record Route(List<Recipients> recipients, Message message, String actorId) {
    }

    /** One line of the table: event type, when it applies, who it tells. */
    public record Rule<T>(String eventType, Class<T> payload, String when, String who, Predicate<T> applies,
                          Function<T, List<Recipients>> recipients) {
        List<Recipients> apply(Object event) {
            T typed = payload.cast(event);
            return applies.test(typed) ? recipients.apply(typed) : List.of();
        }
    }

    /** How an event type is told: its payload, the message, and whose action it was. */
    public record Composer<T>(Class<T> payload, Function<T, Message> message, Function<T, String> actor) {
    }

    /** The table as the REST API shows it. */
    public record RouteDescription(String eventType, String when, String who) {
    }

    public static final Map<String, Composer<?>> MESSAGES = new LinkedHashMap<>();
    public static final List<Rule<?>> RULES = new ArrayList<>();

    static {
        message(EventTypes.INCIDENT_OPENED, IncidentOpened.class, RoutingRules::incidentOpened, e -> null);
        rule(EventTypes.INCIDENT_OPENED, IncidentOpened.class, "any priority",
                "the assignment group; its on-call member first where it has a rota",
                e -> e.assignmentGroup() != null, e -> List.of(new Recipients.Group(e.assignmentGroup())));
        rule(EventTypes.INCIDENT_OPENED, IncidentOpened.class, "priority P1",
                "the service's Tier 2 group; its on-call member first where it has a rota",
                e -> e.priority() == Priority.P1, e -> List.of(new Recipients.ServiceTier(e.serviceCode(), 2)));
        rule(EventTypes.INCIDENT_OPENED, IncidentOpened.class, "priority P1 or P2",
                "the Service Owner and the Business Owner of the service",
                e -> e.priority() == Priority.P1 || e.priority() == Priority.P2, e -> List.of(new Recipients.ServiceOwners(e.serviceCode())));
        rule(EventTypes.INCIDENT_OPENED, IncidentOpened.class, "priority P1 (major incident)", "every INCIDENT_MANAGER",
                e -> e.priority() == Priority.P1, e -> List.of(new Recipients.ByRole(RoleCode.INCIDENT_MANAGER)));

        message(EventTypes.INCIDENT_STATUS_CHANGED, IncidentStatusChanged.class, RoutingRules::incidentStatusChanged,
                IncidentStatusChanged::actorId);
        rule(EventTypes.INCIDENT_STATUS_CHANGED, IncidentStatusChanged.class, "to RESOLVED",
                "the reporter, with the way to confirm (close) or reopen",
                e -> e.to() == IncidentStatus.RESOLVED && e.reporterId() != null, e -> List.of(new Recipients.ByPerson(e.reporterId())));

        message(EventTypes.PROBLEM_RAISED, ProblemRaised.class, RoutingRules::problemRaised, ProblemRaised::raisedBy);
        rule(EventTypes.PROBLEM_RAISED, ProblemRaised.class, "always", "every PROBLEM_MANAGER, with the clustering explanation",
                e -> true, e -> List.of(new Recipients.ByRole(RoleCode.PROBLEM_MANAGER)));
        message(EventTypes.PROBLEM_RESOLVED, ProblemResolved.class, RoutingRules::problemResolved, ProblemResolved::resolvedBy);
        rule(EventTypes.PROBLEM_RESOLVED, ProblemResolved.class, "always", "every PROBLEM_MANAGER",
                e -> true, e -> List.of(new Recipients.ByRole(RoleCode.PROBLEM_MANAGER)));
        message(EventTypes.PROBLEM_CLOSED, ProblemClosed.class, RoutingRules::problemClosed, ProblemClosed::closedBy);
        rule(EventTypes.PROBLEM_CLOSED, ProblemClosed.class, "always", "every PROBLEM_MANAGER",
                e -> true, e -> List.of(new Recipients.ByRole(RoleCode.PROBLEM_MANAGER)));

        message(EventTypes.CHANGE_DRAFTED, ChangeDrafted.class, RoutingRules::changeDrafted, e -> null);
        rule(EventTypes.CHANGE_DRAFTED, ChangeDrafted.class, "always", "every CHANGE_MANAGER (an RFC awaits assessment)",
                e -> true, e -> List.of(new Recipients.ByRole(RoleCode.CHANGE_MANAGER)));
        message(EventTypes.CHANGE_STATUS_CHANGED, ChangeStatusChanged.class, RoutingRules::changeStatusChanged,
                ChangeStatusChanged::actorId);
        rule(EventTypes.CHANGE_STATUS_CHANGED, ChangeStatusChanged.class, "to ASSESS (submitted)",
                "every CHANGE_MANAGER (it awaits their assessment)",
                e -> e.to() == ChangeStatus.ASSESS, e -> List.of(new Recipients.ByRole(RoleCode.CHANGE_MANAGER)));
        rule(EventTypes.CHANGE_STATUS_CHANGED, ChangeStatusChanged.class, "to AUTHORIZE",
                "every CHANGE_MANAGER and the CAB (the ECAB for emergency changes)",
                e -> e.to() == ChangeStatus.AUTHORIZE, e -> List.of(new Recipients.ByRole(RoleCode.CHANGE_MANAGER),
                        new Recipients.ByRole(e.type() == ChangeType.EMERGENCY ? RoleCode.ECAB : RoleCode.CAB)));
        rule(EventTypes.CHANGE_STATUS_CHANGED, ChangeStatusChanged.class,
                "a decision: leaving ASSESS or AUTHORIZE, or to REJECTED, CANCELED or CLOSED", "the change's owner",
                e -> e.ownerId() != null && isDecision(e), e -> List.of(new Recipients.ByPerson(e.ownerId())));
    }

    private static <T> void message(String type, Class<T> payload, Function<T, Message> message, Function<T, String> actor) {
        MESSAGES.put(type, new Composer<>(payload, message, actor));
    }

    private static <T> void rule(String type, Class<T> payload, String when, String who, Predicate<T> applies,
                                 Function<T, List<Recipients>> recipients) {
        if (!MESSAGES.containsKey(type)) {
            throw new IllegalStateException("a rule for " + type + " needs its message first");
        }
        RULES.add(new Rule<>(type, payload, when, who, applies, recipients));
    }

    public static List<RouteDescription> table() {
        return RULES.stream().map(r -> new RouteDescription(r.eventType(), r.when(), r.who())).toList();
    }

    /** The payload class the event type is routed with; empty when the type tells nobody. */
    public static Optional<Class<?>> payloadOf(String eventType) {
        return Optional.ofNullable(MESSAGES.get(eventType)).map(Composer::payload);
    }

    /** Every rule of the event's type that applies, their recipients merged in table order; empty when nobody is told. */
    public static Optional<Route> route(String eventType, Object payload) {
        Composer<?> composer = MESSAGES.get(eventType);
        if (composer == null) {
            return Optional.empty();
        }
        LinkedHashSet<Recipients> who = new LinkedHashSet<>();
        for (Rule<?> rule : RULES) {
            if (rule.eventType().equals(eventType)) {
                who.addAll(rule.apply(payload));
            }
        }
        if (who.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(compose(composer, payload, List.copyOf(who)));
    }

    private static <T> Route compose(Composer<T> composer, Object payload, List<Recipients> who) {
        T typed = composer.payload().cast(payload);
        return new Route(who, composer.message().apply(typed), composer.actor().apply(typed));
    }

    static boolean isDecision(ChangeStatusChanged e) {
        return (e.from() == ChangeStatus.ASSESS || e.from() == ChangeStatus.AUTHORIZE) && e.to() != e.from()
                || e.to() == ChangeStatus.REJECTED || e.to() == ChangeStatus.CANCELED || e.to() == ChangeStatus.CLOSED;
    }

    // ---- messages ----

    static Message incidentOpened(IncidentOpened e) {
        return new Message("incident", e.incidentId().toString(), e.number(), e.serviceCode(), e.priority(),
                e.priority() + " incident " + e.number() + " on " + e.serviceCode() + ": " + e.title(),
                (e.priority() == Priority.P1 ? "Major incident. " : "") + "Assigned to " + e.assignmentGroup()
                        + "; impact " + e.impact() + ", urgency " + e.urgency() + ".", List.of());
    }

    static Message incidentStatusChanged(IncidentStatusChanged e) {
        String status = e.to().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        List<Action> actions = e.to() == IncidentStatus.RESOLVED
                ? List.of(new Action("Confirm the resolution and close it", "POST", "/close"),
                new Action("Not fixed: reopen it", "POST", "/reopen"))
                : List.of();
        String body = (e.reason() != null ? e.reason() : "It moved from " + e.from() + " to " + e.to() + ".")
                + (e.to() == IncidentStatus.RESOLVED ? " Please confirm the resolution, or reopen the incident if it is not fixed." : "");
        return new Message("incident", e.incidentId().toString(), e.number(), e.serviceCode(), e.priority(),
                "Incident " + e.number() + " " + status, body, actions);
    }

    static Message problemRaised(ProblemRaised e) {
        ClusterExplanation x = e.explanation();
        String why = x == null ? "Raised by " + e.raisedBy() + "."
                : "Raised by rule " + x.rule() + ": " + x.incidentIds().size() + " incidents with signature '" + x.signature()
                + "' on " + e.serviceCode() + " between " + x.windowStart() + " and " + x.windowEnd()
                + " (threshold " + x.threshold() + " within " + x.windowMinutes() + " min).";
        return new Message("problem", e.problemId().toString(), e.number(), e.serviceCode(), null,
                "Problem " + e.number() + " raised: " + e.title(), why, List.of());
    }

    static Message problemResolved(ProblemResolved e) {
        return new Message("problem", e.problemId().toString(), e.number(), e.serviceCode(), null,
                "Problem " + e.number() + " resolved", "Root cause: " + e.rootCause() + ". Fix: " + e.fix() + ".", List.of());
    }

    static Message problemClosed(ProblemClosed e) {
        return new Message("problem", e.problemId().toString(), e.number(), null, null, "Problem " + e.number() + " closed",
                e.reason() != null ? e.reason() : "Closed by " + e.closedBy() + ".", List.of());
    }

    static Message changeDrafted(ChangeDrafted e) {
        return new Message("change", e.changeId().toString(), e.number(), e.serviceCode(), null,
                "Change " + e.number() + " drafted: " + e.title(),
                e.problemId() != null ? "Drafted from resolved problem " + (e.evidence() != null ? e.evidence().problemNumber() : e.problemId())
                        + "; it awaits assessment." : "It awaits assessment.", List.of());
    }

    static Message changeStatusChanged(ChangeStatusChanged e) {
        String title;
        String body;
        if (e.to() == ChangeStatus.AUTHORIZE) {
            String board = e.type() == ChangeType.EMERGENCY ? "ECAB" : "CAB";
            title = "Change " + e.number() + " needs approval";
            body = e.type() + " change on " + e.serviceCode() + " awaits the " + board + ".";
        } else if (e.to() == ChangeStatus.ASSESS) {
            title = "Change " + e.number() + " awaits assessment";
            body = e.type() + " change on " + e.serviceCode() + " was submitted for assessment.";
        } else {
            String decision = e.from() == ChangeStatus.AUTHORIZE && e.to() == ChangeStatus.SCHEDULED ? "approved"
                    : e.to().name().toLowerCase(Locale.ROOT);
            title = "Change " + e.number() + " " + decision;
            body = "Your change on " + e.serviceCode() + " moved from " + e.from() + " to " + e.to() + ".";
        }
        return new Message("change", e.changeId().toString(), e.number(), e.serviceCode(), null, title, body, List.of());
    }
}
