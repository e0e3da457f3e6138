package dev.itsm.incident.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "itsm.incident")
public interface IncidentConfig {

    /** Where an incident goes when the directory names no Tier 1 group for its service. */
    @WithDefault("service-desk")
    String defaultAssignmentGroup();

    /** How long after resolution the user may still reopen an incident instead of raising a new one. */
    @WithDefault("P7D")
    Duration reopenWindow();

    /** The service an alert belongs to when it carries neither a {@code service} nor a {@code job} label. */
    @WithDefault("unknown")
    String unknownService();
}
