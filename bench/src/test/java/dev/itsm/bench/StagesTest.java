package dev.itsm.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StagesTest {

    /** The bench's monotonic clock and the events' wall-clock timestamps meet on one time line. */
    @Test
    void aPathSplitsIntoCreatedRelayedAndReadFromTheRecordsOwnTimestamps() {
        long due = System.nanoTime();
        long dueWallMillis = System.currentTimeMillis();
        Stages stages = new Stages();
        assertThat(stages.isEmpty()).isTrue();

        stages.record(due, due + 60_000_000L, dueWallMillis + 40, dueWallMillis + 50);

        String summary = stages.summary();
        assertThat(summary).containsPattern("^due → event created (39|40|41)\\.\\d / ");
        assertThat(summary).contains("by the outbox relay 10.0 / 10.0 ms");
        assertThat(summary).containsPattern("→ read (9|10|11)\\.\\d / ");
    }
}
