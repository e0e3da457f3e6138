package dev.itsm.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * The suite's own alert, on {@code itsm.alerts.v1} inside an envelope (key = fingerprint). Alertmanager and
 * PagerDuty payloads on the same topic are translated into this shape by incident-service.
 *
 * @param fingerprint identifies the alerting condition; one open incident per fingerprint
 * @param severity    critical | error | warning | info (the Alertmanager / PagerDuty vocabulary)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertSignal(
        String fingerprint,
        AlertStatus status,
        String serviceCode,
        String alertName,
        String severity,
        String summary,
        String description,
        Map<String, String> labels,
        Instant startsAt,
        Instant endsAt,
        String source) {
}
