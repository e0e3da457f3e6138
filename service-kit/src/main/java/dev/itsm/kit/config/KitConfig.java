package dev.itsm.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings every service shares; defaults work for the local run. */
@ConfigMapping(prefix = "itsm")
public interface KitConfig {

    /** CloudEvents {@code source} of what this service publishes, and the inbox's consumer prefix. */
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    Outbox outbox();

    Consumer consumer();

    Kafka kafka();

    interface Outbox {
        /** How many lanes the outbox is split into; each lane is drained by one relay at a time. */
        @WithDefault("16")
        int lanes();

        @WithDefault("500")
        int batchSize();

        /** How long a published row is kept before the clean-up removes it. */
        @WithDefault("P3D")
        Duration retention();

        @WithDefault("30s")
        Duration sendTimeout();
    }

    interface Consumer {
        /** Attempts for a record that failed for a reason that may pass (a lost connection, a lost race). */
        @WithDefault("4")
        int attempts();

        @WithDefault("200ms")
        Duration firstBackoff();
    }

    interface Kafka {
        @WithDefault("localhost:19092")
        String bootstrap();
    }
}
