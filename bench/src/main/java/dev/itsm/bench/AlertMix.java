package dev.itsm.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Alerts as a monitoring storm sends them: 80 % repeats of fingerprints that already have an open incident,
 * 20 % new fingerprints. A fingerprint always carries the same labels (alert name, service, instance), as
 * in Prometheus. Alert names come from a fixed set, so similar incidents cluster as they would in production.
 * Renders Alertmanager's webhook (version 4, what reaches {@code itsm.alerts.v1}) and its v2 API body.
 */
final class AlertMix {
    static final double NEW_SHARE = 0.2;
    private static final String[] SUBJECTS = {"Export", "Api", "Queue", "Disk", "Certificate", "Replica", "Login", "Backup",
            "Cache", "Batch", "Mailbox", "Tunnel", "Ledger", "Index", "Gateway", "Scheduler", "Worker", "Proxy", "Sync", "Search"};
    private static final String[] SYMPTOMS = {"Stalled", "HighLatency", "ErrorRateHigh", "Down", "Saturated"};
    private static final String[] SERVICES = {"payroll", "email", "vpn"};

    /** One alert; {@code fresh} when its fingerprint has no open incident yet. */
    record Alert(String fingerprint, int name, boolean fresh) {
        String alertName() {
            return SUBJECTS[name % SUBJECTS.length] + SYMPTOMS[(name / SUBJECTS.length) % SYMPTOMS.length];
        }

        String service() {
            return SERVICES[name % SERVICES.length];
        }

        String severity() {
            return name % 4 == 0 ? "critical" : "warning";
        }
    }

    /** One Kafka record: its key, its webhook body, and the alerts inside. */
    record Notification(String key, String body, List<Alert> alerts) {
        long fresh() {
            return alerts.stream().filter(Alert::fresh).count();
        }

        long repeats() {
            return alerts.size() - fresh();
        }
    }

    private final String prefix;
    private final int names;
    private final List<List<String>> poolByName = new ArrayList<>();
    private final List<Alert> pool = new ArrayList<>();
    private final SplittableRandom random;
    private final String startsAt = Instant.now().minusSeconds(60).toString();
    private final java.util.concurrent.atomic.AtomicLong values = new java.util.concurrent.atomic.AtomicLong();
    private long freshCount;
    private long keyCount;

    /**
     * @param prefix unique to the run and the target, so fingerprints never meet earlier ones
     * @param poolSize fingerprints that get an open incident first and are repeated afterwards
     */
    AlertMix(String prefix, int poolSize, long seed) {
        this.prefix = prefix;
        this.names = Math.max(1, Math.min(SUBJECTS.length * SYMPTOMS.length, poolSize / 20));
        this.random = new SplittableRandom(seed);
        for (int n = 0; n < names; n++) {
            poolByName.add(new ArrayList<>());
        }
        for (int i = 0; i < poolSize; i++) {
            int name = i % names;
            Alert alert = new Alert(poolPrefix() + name + "-" + i, name, true);
            pool.add(alert);
            poolByName.get(name).add(alert.fingerprint());
        }
    }

    /** Fingerprints of the pool all start with this; the bench counts their repeats with it. */
    String poolPrefix() {
        return prefix + "-p-";
    }

    /** The pool as new alerts, one per record: what opens the incidents the repeats then hit. */
    List<Notification> poolOpening() {
        return pool.stream().map(alert -> notification(alert.fingerprint(), List.of(alert))).toList();
    }

    int poolSize() {
        return pool.size();
    }

    /** The next alert of the mix. */
    synchronized Alert next() {
        if (random.nextDouble() < NEW_SHARE) {
            return freshAlert(random.nextInt(names));
        }
        Alert open = pool.get(random.nextInt(pool.size()));
        return new Alert(open.fingerprint(), open.name(), false);
    }

    /** The mix, one alert per record, keyed by fingerprint. */
    List<Notification> singles(int count) {
        List<Notification> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Alert alert = next();
            records.add(notification(alert.fingerprint(), List.of(alert)));
        }
        return records;
    }

    /**
     * Group notifications: every alert of one alert name, as Alertmanager groups them, with the mix inside
     * each (8 of 10 already open, 2 new), keyed by the group.
     */
    synchronized List<Notification> groups(int count, int alertsPerNotification) {
        List<Notification> records = new ArrayList<>(count);
        int freshPerGroup = (int) Math.round(alertsPerNotification * NEW_SHARE);
        for (int i = 0; i < count; i++) {
            int name = random.nextInt(names);
            List<String> open = poolByName.get(name);
            List<Alert> alerts = new ArrayList<>(alertsPerNotification);
            for (int a = 0; a < alertsPerNotification - freshPerGroup; a++) {
                alerts.add(new Alert(open.get(random.nextInt(open.size())), name, false));
            }
            for (int a = 0; a < freshPerGroup; a++) {
                alerts.add(freshAlert(name));
            }
            records.add(notification(prefix + "-g-" + name + "-" + (keyCount++), alerts));
        }
        return records;
    }

    /** Alertmanager's own API body (POST /api/v2/alerts) with the next {@code count} alerts of the mix. */
    String apiBody(int count) {
        List<Alert> alerts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            alerts.add(next());
        }
        return apiBody(alerts);
    }

    /** The pool as API bodies of up to {@code perRequest} alerts: what makes them firing in Alertmanager. */
    List<String> poolApiBodies(int perRequest) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < pool.size(); from += perRequest) {
            bodies.add(apiBody(pool.subList(from, Math.min(pool.size(), from + perRequest))));
        }
        return bodies;
    }

    private String apiBody(List<Alert> alerts) {
        StringBuilder body = new StringBuilder(alerts.size() * 420).append('[');
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"labels\":").append(labels(alert))
                    .append(",\"annotations\":").append(annotations(alert))
                    .append(",\"startsAt\":\"").append(startsAt)
                    .append("\",\"generatorURL\":\"http://prometheus:9090/graph\"}");
        }
        return body.append(']').toString();
    }

    private synchronized Alert freshAlert(int name) {
        return new Alert(prefix + "-n-" + name + "-" + (freshCount++), name, true);
    }

    Notification notification(String key, List<Alert> alerts) {
        Alert first = alerts.get(0);
        String name = first.alertName();
        StringBuilder body = new StringBuilder(600 + alerts.size() * 450);
        body.append("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"").append(name)
                .append("\\\"}\",\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"itsm\",\"groupLabels\":{\"alertname\":\"")
                .append(name).append("\"},\"commonLabels\":{\"alertname\":\"").append(name).append("\",\"service\":\"")
                .append(first.service()).append("\",\"severity\":\"").append(first.severity())
                .append("\"},\"commonAnnotations\":{\"summary\":\"").append(name)
                .append("\"},\"externalURL\":\"http://alertmanager:9093\",\"alerts\":[");
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"status\":\"firing\",\"labels\":").append(labels(alert))
                    .append(",\"annotations\":").append(annotations(alert))
                    .append(",\"startsAt\":\"").append(startsAt)
                    .append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"")
                    .append(alert.fingerprint()).append("\"}");
        }
        body.append("]}");
        return new Notification(key, body.toString(), List.copyOf(alerts));
    }

    private static String labels(Alert alert) {
        return "{\"alertname\":\"" + alert.alertName() + "\",\"service\":\"" + alert.service() + "\",\"severity\":\""
                + alert.severity() + "\",\"instance\":\"" + alert.fingerprint() + "\"}";
    }

    /**
     * The description carries the alert's current value, as Prometheus alert templates do ({{ $value }}), so
     * each notification about a still-firing alert differs from the one before. The service treats a
     * byte-identical delivery as a redelivery and counts it once.
     */
    private String annotations(Alert alert) {
        return "{\"summary\":\"" + alert.alertName() + " on " + alert.fingerprint() + "\",\"description\":\""
                + alert.service() + " reports " + alert.alertName() + " for more than 5 minutes, value "
                + values.incrementAndGet() + "\"}";
    }
}
