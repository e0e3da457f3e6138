package dev.itsm.contracts;

import java.util.List;

/** Kafka topic names. Record key = aggregate id (alerts: fingerprint), so one aggregate stays on one partition. */
public final class Topics {
    public static final String ALERTS = "itsm.alerts.v1";
    public static final String INCIDENT_EVENTS = "itsm.incident-events.v1";
    public static final String PROBLEM_EVENTS = "itsm.problem-events.v1";
    public static final String CHANGE_EVENTS = "itsm.change-events.v1";
    /** Compacted: the latest record per key is the current state of that directory entry. */
    public static final String DIRECTORY_EVENTS = "itsm.directory-events.v1";

    public static final List<String> ALL = List.of(ALERTS, INCIDENT_EVENTS, PROBLEM_EVENTS, CHANGE_EVENTS, DIRECTORY_EVENTS);

    private Topics() {
    }

    /** Where a consumer parks records it cannot process, with the reason in the record headers. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
