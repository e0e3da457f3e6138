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

    Alerts alerts();

    interface Alerts {
        /**
         * An alert that fires again this soon after its incident was resolved reopens that incident and counts a
         * flap, instead of opening a new incident.
         */
        @WithDefault("PT15M")
        Duration flapWindow();

        /** Which open incidents a resolved alert resolves; never one a person put On Hold by default. */
        @WithDefault("UNLESS_ON_HOLD")
        dev.itsm.incident.domain.AlertRules.AutoResolve autoResolve();

        /**
         * A webhook body received again within this window is a re-send of the same notification (the sender got
         * no answer) and changes nothing; after it, the same body is a new signal.
         */
        @WithDefault("PT10M")
        Duration webhookDedupWindow();
    }
}
