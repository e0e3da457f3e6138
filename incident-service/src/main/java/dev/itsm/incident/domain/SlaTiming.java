package dev.itsm.incident.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What an incident stores for its SLA clocks besides its opening, ownership and resolution times: the targets that
 * applied when its priority was set, the time each clock did not run, and when the current hold began.
 *
 * @param ownTarget       time to own; null for incidents stored before clocks existed (the current policy applies)
 * @param resolveTarget   time to resolve; likewise
 * @param ownPausedMs     time the time-to-own clock did not run
 * @param resolvePausedMs time the time-to-resolve clock did not run (On Hold, and Resolved before a reopen)
 * @param onHoldSince     when the current hold began; null when not On Hold
 */
public record SlaTiming(Duration ownTarget, Duration resolveTarget, long ownPausedMs, long resolvePausedMs, Instant onHoldSince) {
    public static final SlaTiming NONE = new SlaTiming(null, null, 0, 0, null);

    public static SlaTiming of(SlaPolicy.Targets targets) {
        return new SlaTiming(targets.timeToOwn(), targets.timeToResolve(), 0, 0, null);
    }

    SlaTiming retargeted(SlaPolicy.Targets targets) {
        return new SlaTiming(targets.timeToOwn(), targets.timeToResolve(), ownPausedMs, resolvePausedMs, onHoldSince);
    }

    SlaTiming heldFrom(Instant at) {
        return new SlaTiming(ownTarget, resolveTarget, ownPausedMs, resolvePausedMs, at);
    }

    /** Adds a stretch in which the clocks did not run; the own clock only if it was still running then. */
    SlaTiming pausedFor(Duration stretch, boolean ownRunning) {
        long ms = Math.max(0, stretch.toMillis());
        return new SlaTiming(ownTarget, resolveTarget, ownPausedMs + (ownRunning ? ms : 0), resolvePausedMs + ms, null);
    }
}
