package dev.itsm.incident.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.MalformedEventException;
import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.contracts.alert.AlertStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns what monitoring tools send into {@link AlertSignal}s, so that no monitoring stack needs an adapter:
 * Prometheus Alertmanager webhooks (version 4), PagerDuty Events API v2, and the suite's own
 * {@code itsm.alert.signalled.v1} event. Anything else is malformed.
 */
public final class AlertTranslator {
    /** Alertmanager writes this for "not ended yet". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** PagerDuty's limit on dedup_key. */
    private static final int MAX_DEDUP_KEY = 255;
    /** routing_key (32) + ':' + dedup_key (255). */
    private static final int MAX_FINGERPRINT = 300;
    private static final java.util.regex.Pattern SERVICE_CODE = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    /** PagerDuty documents timestamps like 2015-07-17T08:42:58.315+0000 (an offset without a colon). */
    private static final java.util.regex.Pattern OFFSET_WITHOUT_COLON = java.util.regex.Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private final ObjectMapper mapper;
    private final String unknownService;

    public AlertTranslator(ObjectMapper mapper, String unknownService) {
        this.mapper = mapper;
        this.unknownService = unknownService;
    }

    /** Recognises the format by its shape. */
    public List<AlertSignal> translate(String json) {
        return translate(parse(json));
    }

    /** Recognises the format of an already parsed body by its shape. */
    public List<AlertSignal> translate(JsonNode root) {
        if (root.has("specversion")) {
            return List.of(fromEnvelope(root));
        }
        if (root.has("alerts")) {
            return fromAlertmanager(root);
        }
        if (root.has("event_action")) {
            return fromPagerDuty(root);
        }
        throw new MalformedEventException("not an Alertmanager webhook, a PagerDuty v2 event or an itsm.alert.signalled.v1 event");
    }

    public List<AlertSignal> fromAlertmanager(JsonNode root) {
        String version = root.path("version").asText("");
        if (!"4".equals(version)) {
            throw new MalformedEventException("Alertmanager webhook version " + (version.isEmpty() ? "(missing)" : version)
                    + " is not supported; version 4 is");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new MalformedEventException("an Alertmanager webhook needs an alerts array");
        }
        List<AlertSignal> signals = new ArrayList<>();
        for (JsonNode alert : alerts) {
            Map<String, String> labels = strings(alert.path("labels"));
            Map<String, String> annotations = strings(alert.path("annotations"));
            String alertName = labels.get("alertname");
            if (alertName == null || alertName.isBlank()) {
                throw new MalformedEventException("every Alertmanager alert needs an alertname label");
            }
            String fingerprint = text(alert, "fingerprint");
            if (fingerprint == null) {
                // Alertmanager's own fingerprint is a hash of the label set; do the same when it is absent.
                fingerprint = sha256(new TreeMap<>(labels).toString()).substring(0, 16);
            }
            signals.add(checked(new AlertSignal(
                    fingerprint,
                    status(alert.path("status").asText(root.path("status").asText(""))),
                    serviceOf(labels),
                    alertName,
                    labels.getOrDefault("severity", "warning"),
                    annotations.getOrDefault("summary", alertName),
                    annotations.get("description"),
                    labels,
                    time(alert, "startsAt"),
                    time(alert, "endsAt"),
                    "alertmanager")));
        }
        return signals;
    }

    /** PagerDuty routes by integration key: here the routing key names the service. */
    public List<AlertSignal> fromPagerDuty(JsonNode root) {
        String action = root.path("event_action").asText("");
        String routingKey = text(root, "routing_key");
        if (routingKey == null) {
            throw new MalformedEventException("a PagerDuty event needs a routing_key");
        }
        JsonNode payload = root.path("payload");
        String dedupKey = text(root, "dedup_key");
        AlertStatus status = switch (action) {
            case "trigger" -> AlertStatus.FIRING;
            case "resolve" -> AlertStatus.RESOLVED;
            case "acknowledge" -> AlertStatus.ACKNOWLEDGED;
            default -> throw new MalformedEventException("unknown PagerDuty event_action '" + action + "'");
        };
        if (status != AlertStatus.FIRING && dedupKey == null) {
            throw new MalformedEventException("a PagerDuty " + action + " needs the dedup_key of the alert it " + action + "s");
        }
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            throw new MalformedEventException("dedup_key is longer than PagerDuty's " + MAX_DEDUP_KEY + " characters");
        }
        String summary = text(payload, "summary");
        if (status == AlertStatus.FIRING && summary == null) {
            throw new MalformedEventException("a PagerDuty trigger needs payload.summary");
        }
        String alertName = firstNonNull(text(payload, "class"), summary, "pagerduty-event");
        Map<String, String> labels = new TreeMap<>();
        for (String field : List.of("source", "component", "group", "class", "severity")) {
            String value = text(payload, field);
            if (value != null) {
                labels.put(field, value);
            }
        }
        String fingerprint = dedupKey != null ? dedupKey : sha256(routingKey + "|" + summary).substring(0, 16);
        Instant timestamp = time(payload, "timestamp");
        return List.of(checked(new AlertSignal(
                routingKey + ":" + fingerprint,
                status,
                routingKey.toLowerCase(java.util.Locale.ROOT),
                alertName,
                labels.getOrDefault("severity", "warning"),
                summary != null ? summary : alertName,
                null,
                labels,
                timestamp,
                status == AlertStatus.RESOLVED ? timestamp : null,
                firstNonNull(text(root, "client"), "pagerduty"))));
    }

    public AlertSignal fromEnvelope(JsonNode root) {
        if (!EventTypes.ALERT_SIGNALLED.equals(root.path("type").asText())) {
            throw new MalformedEventException("events on the alert topic must be " + EventTypes.ALERT_SIGNALLED
                    + ", not " + root.path("type").asText("(missing)"));
        }
        AlertSignal signal;
        try {
            signal = mapper.treeToValue(root.get("data"), AlertSignal.class);
        } catch (Exception e) {
            throw new MalformedEventException("data does not fit AlertSignal: " + e.getMessage(), e);
        }
        if (signal == null || signal.fingerprint() == null || signal.status() == null || signal.serviceCode() == null
                || signal.alertName() == null) {
            throw new MalformedEventException("an alert signal needs fingerprint, status (FIRING, RESOLVED or ACKNOWLEDGED),"
                    + " serviceCode and alertName");
        }
        return checked(signal);
    }

    /** Limits the formats themselves set, checked here so that a value that cannot be stored is refused, not retried. */
    private static AlertSignal checked(AlertSignal signal) {
        if (signal.fingerprint().length() > MAX_FINGERPRINT) {
            throw new MalformedEventException("an alert fingerprint has at most " + MAX_FINGERPRINT + " characters");
        }
        if (!SERVICE_CODE.matcher(signal.serviceCode()).matches()) {
            throw new MalformedEventException("'" + abbreviate(signal.serviceCode()) + "' is not a service code"
                    + " (lower-case letters, digits and '-', at most 64 characters): set the service (or job) label or routing_key");
        }
        return signal;
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    public JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty alert");
        }
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isObject()) {
                throw new MalformedEventException("an alert must be a JSON object");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedEventException("alert is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String serviceOf(Map<String, String> labels) {
        return firstNonNull(labels.get("service"), labels.get("job"), unknownService).toLowerCase(java.util.Locale.ROOT);
    }

    private static AlertStatus status(String value) {
        return switch (value) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new MalformedEventException("alert status must be firing or resolved, not '" + value + "'");
        };
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new TreeMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = java.time.OffsetDateTime.parse(OFFSET_WITHOUT_COLON.matcher(value).replaceFirst("$1:$2")).toInstant();
            return instant.equals(GO_ZERO_TIME) ? null : instant;
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(field + " is not an RFC 3339 time: " + value, e);
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
