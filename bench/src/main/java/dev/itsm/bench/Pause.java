package dev.itsm.bench;

import java.util.concurrent.locks.LockSupport;

/** Waiting in the load generator: polling intervals and the schedule of fixed-rate senders. */
final class Pause {
    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }

    static void seconds(double seconds) {
        millis(Math.round(seconds * 1000));
    }

    /** Parks until the given System.nanoTime(); the last stretch spins, so a schedule of 1 ms steps holds. */
    static void until(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new BenchFailure("interrupted");
        }
    }
}
