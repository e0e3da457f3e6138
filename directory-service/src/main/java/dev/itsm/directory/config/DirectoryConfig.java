package dev.itsm.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "itsm.directory")
public interface DirectoryConfig {

    /**
     * Loads the demo organisation (people with the password "demo", groups, services, integrations with known
     * secrets) at start if it is missing. Off unless asked for: ITSM_DIRECTORY_DEMO_DATA=true.
     */
    @WithDefault("false")
    boolean demoData();

    /** The first administrator and the integration clients of a real installation, from the environment. */
    Bootstrap bootstrap();

    /**
     * Build-time switch of service-kit's directory consumer; always false here, because directory-service
     * writes the directory topic and keeps no copy of it.
     */
    @WithName("projection.enabled")
    @WithDefault("false")
    boolean projectionEnabled();

    /** How long a person's token is valid. */
    @WithDefault("PT8H")
    Duration personTokenTtl();

    /** How long an integration's token is valid; OAuth clients fetch a new one when it expires. */
    @WithDefault("PT1H")
    Duration integrationTokenTtl();

    /** The services a person's token is for (its {@code aud}). */
    @WithDefault("incident-service,problem-service,change-service,directory-service,notification-service")
    List<String> personAudience();

    /** The services an integration's token is for: the integration scopes all post into incident-service. */
    @WithDefault("incident-service")
    List<String> integrationAudience();

    SignIn signIn();

    interface Bootstrap {
        /** ITSM_DIRECTORY_BOOTSTRAP_ADMIN_USERNAME: created with the DIRECTORY_ADMIN role if no one has this name. */
        Optional<String> adminUsername();

        /** ITSM_DIRECTORY_BOOTSTRAP_ADMIN_PASSWORD: the first administrator's password (at least 12 characters). */
        Optional<String> adminPassword();

        /**
         * ITSM_DIRECTORY_BOOTSTRAP_CLIENTS: a JSON array of {"clientId", "secret", "scopes": [...]}; created if
         * missing, their secret and scopes brought up to date if changed (a changed secret revokes earlier tokens).
         */
        Optional<String> clients();
    }

    /** Limits on the sign-in endpoints (person and integration, JSON and OAuth). */
    interface SignIn {
        /** Password checks running at once; PBKDF2 runs on this pool, never on the event loop. */
        @WithDefault("0")
        int hashingThreads();

        /** Consecutive failures of one account before it is locked. */
        @WithDefault("5")
        int accountFailures();

        /** Consecutive failures from one client address before it is locked. */
        @WithDefault("50")
        int addressFailures();

        /** The first lock; each further failure doubles it. */
        @WithDefault("PT1S")
        Duration firstLock();

        @WithDefault("PT15M")
        Duration longestLock();

        /** Failures older than this are forgotten. */
        @WithDefault("PT15M")
        Duration failureWindow();

        /** Attempts (right or wrong) one client address may make in a burst, and per second after it. */
        @WithDefault("100")
        int addressBurst();

        @WithDefault("20")
        double addressPerSecond();

        /** Attempts one account may make in a burst, and per second after it. */
        @WithDefault("30")
        int accountBurst();

        @WithDefault("2")
        double accountPerSecond();
    }
}
