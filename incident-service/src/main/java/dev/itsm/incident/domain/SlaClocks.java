package dev.itsm.incident.domain;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.SlaClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The two SLA clocks of an incident, computed from its stored times only, so that they read the same on every replica
 * and after any restart:
 * <ul>
 *   <li>time to own runs from opening until someone owns the incident (accepts it, or acknowledges its alert); a
 *   resolve or cancel before that stops it too;</li>
 *   <li>time to resolve runs from opening until it is resolved; a cancel stops it;</li>
 *   <li>On Hold pauses whichever is running; a reopened incident's clocks do not count the time it sat resolved.</li>
 * </ul>
 * Targets apply from the opening (a raised priority applies its shorter targets retroactively, as SLA tools do).
 * Warnings are due at 50 % and 75 % of a target and the breach at 100 %, each once per incident and clock. Plain Java.
 */
public final class SlaClocks {
    public static final List<Integer> THRESHOLDS = List.of(50, 75, 100);

    public enum State { RUNNING, PAUSED, MET, BREACHED, CANCELED }

    /**
     * One clock as it reads at a moment.
     *
     * @param remaining negative once the target has passed
     * @param dueAt     when the clock reaches (or reached) its target; null while it is paused
     * @param stoppedAt when the clock stopped; null while it runs or is paused
     */
    public record Reading(SlaClock clock, Duration target, Duration elapsed, Duration remaining, Instant dueAt, State state,
                          Instant stoppedAt) {
    }

    /** When one threshold of one clock falls due; null when its clock is paused or stopped before reaching it. */
    public record Timer(UUID incidentId, SlaClock clock, int threshold, Instant dueAt) {
    }

    private SlaClocks() {
    }

    /** Both clocks of an incident at {@code now}; a clock without a target is left out. */
    public static List<Reading> read(IncidentSnapshot incident, Instant now) {
        List<Reading> readings = new ArrayList<>(2);
        for (SlaClock clock : SlaClock.values()) {
            Run run = run(incident, clock);
            if (run.target() == null) {
                continue;
            }
            Instant until = run.stoppedAt() != null ? run.stoppedAt() : run.pausedSince() != null ? run.pausedSince() : now;
            Duration elapsed = nonNegative(Duration.between(run.start(), until).minusMillis(run.pausedMs()));
            Duration remaining = run.target().minus(elapsed);
            boolean late = remaining.isNegative();
            State state;
            if (run.stoppedAt() != null) {
                state = run.canceled() ? State.CANCELED : late ? State.BREACHED : State.MET;
            } else if (late) {
                state = State.BREACHED;
            } else {
                state = run.pausedSince() != null ? State.PAUSED : State.RUNNING;
            }
            Instant dueAt = run.pausedSince() != null && run.stoppedAt() == null ? null
                    : run.start().plus(run.target()).plusMillis(run.pausedMs());
            readings.add(new Reading(clock, run.target(), elapsed, remaining, dueAt, state, run.stoppedAt()));
        }
        return readings;
    }

    /**
     * When each threshold of each clock falls due, given what is stored now. A threshold reached before its clock
     * paused or stopped keeps its time (it still fires if it has not yet); one not reached has none.
     */
    public static List<Timer> schedule(IncidentSnapshot incident) {
        List<Timer> timers = new ArrayList<>(6);
        for (SlaClock clock : SlaClock.values()) {
            Run run = run(incident, clock);
            if (run.target() == null) {
                continue;
            }
            Instant halt = run.stoppedAt() != null ? run.stoppedAt() : run.pausedSince();
            for (int threshold : THRESHOLDS) {
                Instant reached = reachedAt(run, threshold);
                timers.add(new Timer(incident.id(), clock, threshold, halt == null || !reached.isAfter(halt) ? reached : null));
            }
        }
        return timers;
    }

    /** The moment a clock reaches a threshold, if it keeps running from what is stored. */
    public static Instant reachedAt(IncidentSnapshot incident, SlaClock clock, int threshold) {
        Run run = run(incident, clock);
        return run.target() == null ? null : reachedAt(run, threshold);
    }

    public static Duration target(IncidentSnapshot incident, SlaClock clock) {
        return run(incident, clock).target();
    }

    private static Instant reachedAt(Run run, int threshold) {
        return run.start().plus(run.target().multipliedBy(threshold).dividedBy(100)).plusMillis(run.pausedMs());
    }

    /** One clock's inputs: start, target, time it did not run, and where it stands. */
    private record Run(Instant start, Duration target, long pausedMs, Instant pausedSince, Instant stoppedAt, boolean canceled) {
    }

    private static Run run(IncidentSnapshot i, SlaClock clock) {
        SlaTiming sla = i.sla();
        boolean canceled = i.status() == IncidentStatus.CANCELED;
        Instant cancelStop = canceled || i.status() == IncidentStatus.CLOSED ? i.closedAt() : null;
        return switch (clock) {
            case TIME_TO_OWN -> {
                Instant stop = first(i.acknowledgedAt(), i.resolvedAt(), cancelStop);
                yield new Run(i.openedAt(), sla.ownTarget(), sla.ownPausedMs(), stop == null ? sla.onHoldSince() : null, stop,
                        canceled && i.acknowledgedAt() == null && i.resolvedAt() == null);
            }
            case TIME_TO_RESOLVE -> {
                Instant stop = first(i.resolvedAt(), cancelStop);
                yield new Run(i.openedAt(), sla.resolveTarget(), sla.resolvePausedMs(), stop == null ? sla.onHoldSince() : null,
                        stop, canceled && i.resolvedAt() == null);
            }
        };
    }

    private static Instant first(Instant... candidates) {
        Instant first = null;
        for (Instant candidate : candidates) {
            if (candidate != null && (first == null || candidate.isBefore(first))) {
                first = candidate;
            }
        }
        return first;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
