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

    Db db();

    Jwt jwt();

    Security security();

    RateLimit rateLimit();

    /** The Kafka consumer group of every channel; replicas of one service share it. */
    @WithDefault("${quarkus.application.name}")
    String consumerGroup();

    interface Outbox {
        /** How many lanes the outbox is split into; each lane is drained by one relay at a time. */
        @WithDefault("16")
        int lanes();

        @WithDefault("500")
        int batchSize();

        /** How often an idle relay looks for new rows; a busy relay drains without pausing. */
        @WithDefault("100ms")
        Duration pollInterval();

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

    /** The service's own database; the datasource URLs are built from these. */
    interface Db {
        @WithDefault("localhost")
        String host();

        @WithDefault("15432")
        int port();

        String name();

        String user();

        String password();
    }

    interface Jwt {
        @WithDefault("itsm-directory")
        String issuer();

        /** PEM public key that verifies every token. */
        @WithDefault(".itsm/keys/public-key.pem")
        String publicKey();

        /** PEM private key; only directory-service, which signs tokens, needs it. */
        java.util.Optional<String> privateKey();

        /** The {@code aud} a token must name to be accepted here: this service's name. */
        @WithDefault("${quarkus.application.name}")
        String audience();
    }

    interface Security {
        /** How often each replica re-reads the revoked credentials from its directory copy. */
        @WithDefault("2s")
        Duration revocationRefresh();
    }

    /** Writes (POST, PUT, PATCH, DELETE) per credential, per replica: a token bucket per person or integration. */
    interface RateLimit {
        Writes writes();

        interface Writes {
            @WithDefault("true")
            boolean enabled();

            /** Requests a credential may send in a burst. */
            @WithDefault("1000")
            int burst();

            /** Requests per second a credential may keep sending. */
            @WithDefault("200")
            double perSecond();
        }
    }

    interface Kafka {
        @WithDefault("localhost:19092")
        String bootstrap();
    }
}
