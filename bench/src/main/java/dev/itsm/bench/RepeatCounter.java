package dev.itsm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Repeats have no event of their own: their effect is the alert count of the open incident. One SQL query
 * against incident-service's database sums the counts of the pool's open incidents; a repeat is handled when
 * that sum has grown by one. More than expected means a repeat was counted twice, and the run fails.
 */
final class RepeatCounter implements AutoCloseable {
    private final Connection db;
    private final PreparedStatement sum;
    private long expected;

    RepeatCounter(Connection db, String fingerprintPrefix) {
        this.db = db;
        try {
            this.sum = db.prepareStatement("select coalesce(sum(alert_count), 0) from incident where alert_fingerprint like ?"
                    + " and status in ('NEW', 'IN_PROGRESS', 'ON_HOLD')");
            sum.setString(1, fingerprintPrefix.replace("_", "\\_").replace("%", "\\%") + "%");
        } catch (SQLException e) {
            throw new BenchFailure("cannot prepare the repeat count: " + e.getMessage(), e);
        }
    }

    /** The count the open incidents must reach once everything sent so far is handled. */
    void expectMore(long alerts) {
        expected += alerts;
    }

    long expected() {
        return expected;
    }

    long current() {
        try (ResultSet rs = sum.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new BenchFailure("cannot read alert counts: " + e.getMessage(), e);
        }
    }

    /**
     * Polls every 20 ms until the sum reaches what was sent, and returns System.nanoTime() of that poll.
     * The new alerts' events are checked on each poll too, so a failing watcher ends the wait early.
     */
    long awaitCounted(Duration timeout, TopicWatcher watcher, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            watcher.check();
            long now = current();
            long at = System.nanoTime();
            if (now == expected) {
                return at;
            }
            if (now > expected) {
                throw new BenchFailure(what + ": open incidents count " + now + " alerts, but only " + expected
                        + " were sent: a repeat was counted twice");
            }
            if (at > deadline) {
                throw new BenchFailure(what + ": " + (expected - now) + " repeated alerts still not counted after " + timeout);
            }
            Pause.millis(20);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // the run is over
        }
    }
}
