package dev.itsm.directory.domain;

import java.time.Duration;

/** How long a key is locked after repeated failed sign-ins: nothing below the threshold, then doubling, capped. */
public final class SignInBackoff {
    private SignInBackoff() {
    }

    public static Duration lockFor(int failures, int threshold, Duration first, Duration longest) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration lock = first.multipliedBy(1L << doublings);
        return lock.compareTo(longest) > 0 ? longest : lock;
    }
}
