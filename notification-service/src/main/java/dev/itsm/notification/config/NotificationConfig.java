package dev.itsm.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How notifications leave the suite; defaults fit ./itsm up. SMTP itself is configured as quarkus.mailer.*. */
@ConfigMapping(prefix = "itsm.notification")
public interface NotificationConfig {

    Links links();

    Mail mail();

    Delivery delivery();

    Throttle throttle();

    Webhook webhook();

    /** Where a message links back to: the record's address, {id} replaced by the record id. */
    interface Links {
        @WithDefault("http://localhost:8081/api/incidents/{id}")
        String incident();

        @WithDefault("http://localhost:8082/api/problems/{id}")
        String problem();

        @WithDefault("http://localhost:8083/api/changes/{id}")
        String change();
    }

    interface Mail {
        /** The right-hand side of every Message-ID; threads are per record, so it must stay the same. */
        @WithDefault("itsm.local")
        String messageIdDomain();

        @WithDefault("[ITSM] ")
        String subjectPrefix();
    }

    interface Delivery {
        /** Attempts before a delivery is dead-lettered (final state FAILED). */
        @WithDefault("8")
        int maxAttempts();

        @WithDefault("10s")
        Duration firstBackoff();

        /** The backoff doubles per attempt up to this cap (before jitter). */
        @WithDefault("1h")
        Duration maxBackoff();

        /** A receiver's Retry-After is honoured up to this long. */
        @WithDefault("6h")
        Duration maxRetryAfter();

        /** How long a claimed delivery stays with its sender before another replica may take it again. */
        @WithDefault("2m")
        Duration lease();

        /** Deliveries in flight per replica. */
        @WithDefault("64")
        int concurrency();

        /** How often an idle sender looks for due retries and digests; new work wakes it at once. */
        @WithDefault("500ms")
        Duration pollInterval();

        @WithDefault("10s")
        Duration requestTimeout();
    }

    interface Throttle {
        @WithDefault("true")
        boolean enabled();

        /** One message per person per record in this window unless the priority rises; the rest wait for the digest. */
        @WithDefault("10m")
        Duration window();

        /** Messages per person about one service within the window before the rest wait for the digest (alert storms). */
        @WithDefault("5")
        int perServiceLimit();

        /** Records listed one by one in a digest; the rest are counted. */
        @WithDefault("50")
        int digestRecords();
    }

    interface Webhook {
        /** After a secret is rotated, the old one still signs (next to the new one) for this long. */
        @WithDefault("24h")
        Duration rotationGrace();

        @WithDefault("itsm-notification-service")
        String userAgent();
    }
}
