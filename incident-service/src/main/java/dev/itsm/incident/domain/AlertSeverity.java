package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;

import java.util.Locale;
import java.util.Map;

/**
 * Impact and urgency of an alert-born incident. The severity label (Alertmanager's convention, and
 * PagerDuty's payload.severity) decides, unless the alert carries explicit {@code impact}/{@code urgency}
 * labels: critical → P1, error → P2, warning → P3, info → P5.
 */
public record AlertSeverity(Impact impact, Urgency urgency) {

    public static AlertSeverity of(String severity, Map<String, String> labels) {
        AlertSeverity bySeverity = switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
            case "critical", "page", "fatal" -> new AlertSeverity(Impact.HIGH, Urgency.HIGH);
            case "error", "major", "high" -> new AlertSeverity(Impact.HIGH, Urgency.MEDIUM);
            case "info", "informational", "low", "none" -> new AlertSeverity(Impact.LOW, Urgency.LOW);
            default -> new AlertSeverity(Impact.MEDIUM, Urgency.MEDIUM);
        };
        Impact impact = parse(Impact.class, labels == null ? null : labels.get("impact"), bySeverity.impact());
        Urgency urgency = parse(Urgency.class, labels == null ? null : labels.get("urgency"), bySeverity.urgency());
        return new AlertSeverity(impact, urgency);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
