package dev.itsm.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "itsm.directory")
public interface DirectoryConfig {

    /** Loads the demo organisation (people, groups, services, integrations) at start if it is missing. */
    @WithDefault("true")
    boolean demoData();

    /** How long a person's token is valid. */
    @WithDefault("PT8H")
    Duration personTokenTtl();

    /** How long an integration's token is valid. */
    @WithDefault("PT1H")
    Duration integrationTokenTtl();
}
