package dev.itsm.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kafka topic names. Record key = aggregate id (alerts: fingerprint), so one aggregate stays on one partition. */
public final class Topics {
    public static final String ALERTS = "itsm.alerts.v1";
    public static final String INCIDENT_EVENTS = "itsm.incident-events.v1";
    public static final String PROBLEM_EVENTS = "itsm.problem-events.v1";
    public static final String CHANGE_EVENTS = "itsm.change-events.v1";
    /** Compacted: the latest record per key is the current state of that directory entry. */
    public static final String DIRECTORY_EVENTS = "itsm.directory-events.v1";

    public static final List<String> ALL = List.of(ALERTS, INCIDENT_EVENTS, PROBLEM_EVENTS, CHANGE_EVENTS, DIRECTORY_EVENTS);

    /**
     * The one service allowed to publish on each event topic. Consumers refuse state-changing events whose
     * CloudEvents {@code source} is anyone else; the broker's ACLs enforce the same rule for writes. The
     * alert topic has no owner: any monitoring tool may publish on it.
     */
    private static final Map<String, String> OWNERS = Map.of(
            INCIDENT_EVENTS, "incident-service",
            PROBLEM_EVENTS, "problem-service",
            CHANGE_EVENTS, "change-service",
            DIRECTORY_EVENTS, "directory-service");

    private Topics() {
    }

    public static Optional<String> owner(String topic) {
        return Optional.ofNullable(OWNERS.get(topic));
    }

    /** Where a consumer parks records it cannot process, with the reason in the record headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
