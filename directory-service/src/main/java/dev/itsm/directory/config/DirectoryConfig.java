package dev.itsm.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

@ConfigMapping(prefix = "itsm.directory")
public interface DirectoryConfig {

    /** Loads the demo organisation (people, groups, services, integrations) at start if it is missing. */
    @WithDefault("true")
    boolean demoData();

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

    /** How long an integration's token is valid. */
    @WithDefault("PT1H")
    Duration integrationTokenTtl();
}
