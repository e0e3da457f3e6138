package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * What one alert does to the incident of its fingerprint, as an on-call tool does it:
 * <ul>
 *   <li>firing, no incident: open one (priority from the severity);</li>
 *   <li>firing, open incident: count the repeat; a higher severity raises impact/urgency and so the priority,
 *   never lowers it;</li>
 *   <li>firing within the flap window after its incident was resolved: reopen that incident and count the flap,
 *   instead of opening a new one;</li>
 *   <li>resolved: resolve the open incident as the auto-resolve policy allows; never one a person put On Hold;</li>
 *   <li>acknowledged (PagerDuty): accept a New incident.</li>
 * </ul>
 * Time is the event time of the alert where it has one, so a replay decides the same way. Plain Java.
 */
public final class AlertRules {

    /** Which open incidents a resolved alert resolves. */
    public enum AutoResolve {
        /** New and In Progress ones; On Hold stays with the person who put it there. */
        UNLESS_ON_HOLD,
        /** Only New ones: once someone works on it, they resolve it. */
        ONLY_NEW,
        /** None: a resolved alert is recorded on the incident only. */
        NEVER
    }

    /** @param sla the targets a raised priority brings; null keeps the incident's targets */
    public record Policy(Duration flapWindow, AutoResolve autoResolve, SlaPolicy sla) {
        public Policy(Duration flapWindow, AutoResolve autoResolve) {
            this(flapWindow, autoResolve, null);
        }
    }

    public enum Action { OPENED, COUNTED, RAISED, REOPENED, RESOLVED, ACKNOWLEDGED, NOTED, IGNORED }

    /** The incident after the alert, what happened, and why (for the timeline and the events). */
    public record Decision(IncidentSnapshot incident, Action action, String reason) {
    }

    private AlertRules() {
    }

    /**
     * @param current the open incident of the fingerprint, or its latest resolved one (for flap damping), or null
     * @param draft   the incident to open if the alert opens one (id, number and assignment group filled in later)
     */
    public static Decision apply(IncidentSnapshot current, AlertSignal alert, IncidentSnapshot draft, Instant receivedAt, Policy policy) {
        Instant at = eventTime(alert, receivedAt);
        return switch (alert.status()) {
            case FIRING -> fire(current, alert, draft, at, policy);
            case RESOLVED -> resolve(current, alert, at, policy);
            case ACKNOWLEDGED -> acknowledge(current, at);
        };
    }

    private static Decision fire(IncidentSnapshot current, AlertSignal alert, IncidentSnapshot draft, Instant at, Policy policy) {
        if (current != null && current.isOpen()) {
            AlertSeverity severity = AlertSeverity.of(alert.severity(), alert.labels());
            Impact impact = higher(current.impact(), severity.impact());
            Urgency urgency = higher(current.urgency(), severity.urgency());
            IncidentSnapshot counted = current.counted(AlertStatus.FIRING, at);
            if (impact != current.impact() || urgency != current.urgency()) {
                IncidentSnapshot raised = counted.prioritised(impact, urgency, at, policy.sla());
                if (raised.priority() != current.priority()) {
                    return new Decision(raised, Action.RAISED, "alert " + alert.alertName() + " re-fired with severity "
                            + alert.severity() + ": " + current.priority() + " -> " + raised.priority());
                }
                return new Decision(raised, Action.COUNTED, "alert re-fired");
            }
            return new Decision(counted, Action.COUNTED, "alert re-fired");
        }
        if (current != null && current.status() == IncidentStatus.RESOLVED && current.resolvedAt() != null
                && !at.isAfter(current.resolvedAt().plus(policy.flapWindow()))) {
            IncidentSnapshot reopened = current.reopened(at);
            return new Decision(reopened, Action.REOPENED, "alert " + alert.alertName() + " fired again "
                    + Duration.between(current.resolvedAt(), at).toSeconds() + " s after it resolved (flap "
                    + reopened.flapCount() + ")");
        }
        return new Decision(draft, Action.OPENED, "alert " + alert.alertName() + " fired");
    }

    private static Decision resolve(IncidentSnapshot current, AlertSignal alert, Instant at, Policy policy) {
        if (current == null || !current.isOpen()) {
            return new Decision(current, Action.IGNORED, "no open incident for this alert");
        }
        boolean allowed = switch (policy.autoResolve()) {
            case UNLESS_ON_HOLD -> current.status() != IncidentStatus.ON_HOLD;
            case ONLY_NEW -> current.status() == IncidentStatus.NEW;
            case NEVER -> false;
        };
        if (!allowed) {
            return new Decision(current.alertState(AlertStatus.RESOLVED, at), Action.NOTED,
                    "alert resolved; the incident stays " + current.status() + " (auto-resolve " + policy.autoResolve() + ")");
        }
        String note = "alert " + alert.alertName() + " resolved" + (alert.endsAt() != null ? " at " + alert.endsAt() : "");
        return new Decision(current.resolved(note, at), Action.RESOLVED, note);
    }

    private static Decision acknowledge(IncidentSnapshot current, Instant at) {
        if (current == null || current.status() != IncidentStatus.NEW) {
            return new Decision(current, Action.IGNORED, current == null ? "no open incident for this alert"
                    : "already " + current.status());
        }
        return new Decision(current.acknowledged(at), Action.ACKNOWLEDGED, "acknowledged at the alert source");
    }

    /** When the alert happened by its own clock; a time ahead of ours counts as ours (senders' clocks drift). */
    static Instant eventTime(AlertSignal alert, Instant receivedAt) {
        Instant own = switch (alert.status()) {
            case FIRING -> null;
            case RESOLVED -> alert.endsAt();
            case ACKNOWLEDGED -> null;
        };
        return own != null && own.isBefore(receivedAt) ? own : receivedAt;
    }

    private static <E extends Enum<E>> E higher(E current, E candidate) {
        // HIGH is ordinal 0 in Impact and Urgency.
        return candidate.ordinal() < current.ordinal() ? candidate : current;
    }
}
