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

    Inbox inbox();

    Kafka kafka();

    Db db();

    Jwt jwt();

    Security security();

    RateLimit rateLimit();

    Http http();

    /** The Kafka consumer group of every channel; replicas of one service share it. */
    @WithDefault("${quarkus.application.name}")
    String consumerGroup();

    interface Outbox {
        /** Most rows one relay pass claims and sends as one Kafka batch. */
        @WithDefault("1000")
        int batchSize();

        /**
         * How often an idle relay looks anyway; it is woken by PostgreSQL NOTIFY when rows commit, so this only
         * bounds the delay if a notification is lost (e.g. while the listening connection reconnects).
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long the relay waits for Kafka to acknowledge a batch before it tries again. */
        @WithDefault("30s")
        Duration sendTimeout();
    }

    interface Inbox {
        /**
         * How long a processed event id is remembered. Longer than the topics' retention (7 days), so that a
         * consumer group reset to the start of a topic still skips what it has processed.
         */
        @WithDefault("P8D")
        Duration retention();
    }

    interface Consumer {
        /** First pause before a failed batch is tried again; doubles on every attempt up to {@link #maxBackoff()}. */
        @WithDefault("100ms")
        Duration firstBackoff();

        /** Longest pause between attempts while the database or broker is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Attempts for a batch that keeps losing races with other transactions before it is treated as a defect. */
        @WithDefault("10")
        int contendedAttempts();

        /** Attempts for a record that fails in an unexpected way before it is parked on the dead-letter topic. */
        @WithDefault("3")
        int unexpectedAttempts();
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

        /** TLS to PostgreSQL in libpq's terms: disable, require, verify-ca or verify-full. */
        @WithDefault("disable")
        String sslMode();

        /** PEM file of the CA that signed the server's certificate (verify-ca, verify-full). */
        java.util.Optional<String> sslRootCert();
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

    interface Http {
        /** Largest request body accepted; a larger one is refused with 413 problem+json before it is read. */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();
    }
}
