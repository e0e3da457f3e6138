package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.incident.IncidentSlaThresholdReached;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.SlaClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an SLA timer does when it falls due. Every decision is taken at the time the threshold was reached (the
 * timer's due time), not at the time a scheduler got to it, so a late scan decides as a timely one would:
 * <ul>
 *   <li>50 % and 75 %: a warning (event and timeline line);</li>
 *   <li>100 %: the breach; a time-to-own breach of an incident nobody owns yet moves it up to its service's next
 *   support tier (functional escalation); a breach of a high-priority incident tells the Incident Manager
 *   (hierarchical escalation).</li>
 * </ul>
 * Plain Java.
 */
public final class SlaFiring {
    public static final String ACTOR = "sla";

    /** The incident after the timer, what to record and publish, and whether it was a breach. */
    public record Fired(IncidentSnapshot after, List<TimelineEntry> timeline, List<DomainEvent> events, boolean breach) {
    }

    private SlaFiring() {
    }

    /**
     * Whether the timer is really due for the incident as stored now; empty when the incident's clocks have moved
     * (the caller then schedules the timer again from {@link SlaClocks#schedule}).
     */
    public static Optional<Instant> dueAt(IncidentSnapshot incident, SlaClocks.Timer timer, Instant now) {
        return SlaClocks.schedule(incident).stream()
                .filter(t -> t.clock() == timer.clock() && t.threshold() == timer.threshold())
                .map(SlaClocks.Timer::dueAt)
                .filter(due -> due != null && !due.isAfter(now))
                .findFirst();
    }

    /**
     * @param reachedAt  when the threshold was reached ({@link #dueAt})
     * @param escalation the next tier, with its on-call member, when the incident may move up; empty when it may not
     */
    public static Fired fire(IncidentSnapshot i, SlaClock clock, int threshold, Instant reachedAt,
                             Optional<Escalation.Target> escalation, SlaPolicy policy, boolean escalateOnOwnBreach) {
        boolean breach = threshold >= 100;
        Duration target = SlaClocks.target(i, clock);
        Instant dueAt = SlaClocks.reachedAt(i, clock, 100);
        String name = clock == SlaClock.TIME_TO_OWN ? "time to own" : "time to resolve";
        List<TimelineEntry> timeline = new ArrayList<>();
        List<DomainEvent> events = new ArrayList<>();
        timeline.add(new TimelineEntry(i.id(), reachedAt, ACTOR, TimelineEntry.Kind.SLA, TimelineEntry.Visibility.INTERNAL,
                breach ? name + " breached: target " + target + " for " + i.priority()
                        : name + " at " + threshold + " % of its " + target + " target; breach at " + dueAt,
                clock.name(), null, threshold + "%"));
        events.add(new DomainEvent(EventTypes.INCIDENT_SLA_THRESHOLD_REACHED, i.id().toString(), new IncidentSlaThresholdReached(
                i.id(), i.number(), i.serviceCode(), i.priority(), clock, threshold, breach, reachedAt, dueAt, target.toSeconds(),
                i.assignmentGroup(), i.assigneeId(), i.reporterId())));
        IncidentSnapshot after = i;
        if (breach && clock == SlaClock.TIME_TO_OWN && escalateOnOwnBreach && mayMoveUp(i)) {
            if (escalation.isPresent()) {
                Change moved = IncidentDecisions.escalate(i, escalation.get(), name + " breached at " + reachedAt, ACTOR, true, reachedAt);
                after = moved.after();
                timeline.addAll(moved.timeline());
                events.addAll(moved.events());
            } else {
                timeline.add(TimelineEntry.internal(i, reachedAt, ACTOR, TimelineEntry.Kind.ESCALATION,
                        "not escalated: service " + i.serviceCode() + " has no tier above " + i.escalationTier()));
            }
        }
        if (breach && policy.escalatesToManager(i.priority())) {
            Change told = IncidentDecisions.escalateToManager(after, name + " of " + i.priority() + " incident " + i.number()
                    + " breached at " + reachedAt, ACTOR, reachedAt);
            timeline.addAll(told.timeline());
            events.addAll(told.events());
        }
        return new Fired(after, timeline, events, breach);
    }

    /** Whether a time-to-own breach should move the incident up: nobody owns it yet and it is still waiting for someone. */
    public static boolean mayMoveUp(IncidentSnapshot i) {
        return !i.owned() && (i.status() == IncidentStatus.NEW || i.status() == IncidentStatus.IN_PROGRESS);
    }
}
