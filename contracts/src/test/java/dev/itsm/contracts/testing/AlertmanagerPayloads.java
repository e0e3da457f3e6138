package dev.itsm.contracts.testing;

/** Alertmanager webhook bodies (version 4), as Alertmanager sends them. */
public final class AlertmanagerPayloads {
    private AlertmanagerPayloads() {
    }

    /** One firing alert in its own notification, started a minute ago. */
    public static String firing(String fingerprint, String service, String alertName, String instance) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"%3$s\\"}","truncatedAlerts":0,"status":"firing","receiver":"itsm",
                 "groupLabels":{"alertname":"%3$s"},"commonLabels":{"alertname":"%3$s","service":"%2$s","severity":"critical"},
                 "commonAnnotations":{"summary":"%3$s"},"externalURL":"http://alertmanager:9093",
                 "alerts":[{"status":"firing",
                   "labels":{"alertname":"%3$s","service":"%2$s","severity":"critical","instance":"%4$s"},
                   "annotations":{"summary":"%3$s on %4$s","description":"payroll export has not progressed for 10 minutes"},
                   "startsAt":"%5$s","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus:9090/graph","fingerprint":"%1$s"}]}"""
                .formatted(fingerprint, service, alertName, instance, java.time.Instant.now().minusSeconds(60));
    }
}
