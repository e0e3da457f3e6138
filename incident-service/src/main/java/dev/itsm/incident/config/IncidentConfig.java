package dev.itsm.incident.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

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

    /**
     * The catalogue the Service Desk classifies incidents into. The defaults are the incident categories ServiceNow
     * ships (Inquiry/Help, Software, Hardware, Network, Database) plus security and access, which most desks add.
     */
    @WithDefault("inquiry,software,hardware,network,database,security,access")
    List<String> categories();

    Alerts alerts();

    Sla sla();

    Triage triage();

    Metrics metrics();

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

    /**
     * SLA targets per priority: time to own (until someone accepts the incident or acknowledges its alert) and time
     * to resolve (On Hold pauses it). The defaults are the baseline most ITSM contracts and ServiceNow
     * implementations start from (P1 15 min / 4 h, P2 30 min / 8 h, P3 4 h / 3 days, P4 1 day / 5 days), on a 24×7
     * clock; P5 doubles P4. Each is overridable, e.g. {@code ITSM_INCIDENT_SLA_P1_TIME_TO_OWN=PT10M}.
     */
    interface Sla {
        P1 p1();

        P2 p2();

        P3 p3();

        P4 p4();

        P5 p5();

        /** How often each replica looks for SLA timers that are due. */
        @WithDefault("5s")
        String scanInterval();

        /** Most timers one scan fires in one transaction. */
        @WithDefault("200")
        int scanBatch();

        /** A breach of an incident of these priorities tells the Incident Manager (hierarchical escalation). */
        @WithDefault("P1,P2")
        List<dev.itsm.contracts.Priority> hierarchicalPriorities();

        /** Whether a time-to-own breach moves the incident up to its service's next support tier. */
        @WithDefault("true")
        boolean escalateOnOwnBreach();
    }

    interface Targets {
        Duration timeToOwn();

        Duration timeToResolve();
    }

    interface P1 extends Targets {
        @Override
        @WithDefault("PT15M")
        Duration timeToOwn();

        @Override
        @WithDefault("PT4H")
        Duration timeToResolve();
    }

    interface P2 extends Targets {
        @Override
        @WithDefault("PT30M")
        Duration timeToOwn();

        @Override
        @WithDefault("PT8H")
        Duration timeToResolve();
    }

    interface P3 extends Targets {
        @Override
        @WithDefault("PT4H")
        Duration timeToOwn();

        @Override
        @WithDefault("P3D")
        Duration timeToResolve();
    }

    interface P4 extends Targets {
        @Override
        @WithDefault("P1D")
        Duration timeToOwn();

        @Override
        @WithDefault("P5D")
        Duration timeToResolve();
    }

    interface P5 extends Targets {
        @Override
        @WithDefault("P2D")
        Duration timeToOwn();

        @Override
        @WithDefault("P10D")
        Duration timeToResolve();
    }

    interface Triage {
        /** An incident opened within this time after a change to its service was implemented is linked to that change. */
        @WithDefault("PT24H")
        Duration changeWindow();

        /** How long this service keeps its copy of a change after the change's last activity. */
        @WithDefault("P30D")
        Duration changeRetention();
    }

    interface Metrics {
        /** The trailing window the MTTA / MTTR gauges cover (incidents opened within it). */
        @WithDefault("P7D")
        Duration window();

        /** How often each replica recomputes the gauges from the database. */
        @WithDefault("60s")
        String refreshInterval();
    }
}
