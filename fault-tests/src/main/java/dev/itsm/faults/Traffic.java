package dev.itsm.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load while faults happen: Alertmanager notifications on {@code itsm.alerts.v1} and on the webhook, REST
 * incidents with an Idempotency-Key, and a Problem Manager who takes every problem clustering raises to
 * Resolved, so that change-service drafts its change. All of it goes to both instances of each service and
 * retries the way real clients do; what was acknowledged is written to the {@link Ledger}.
 */
final class Traffic implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERT_SERVICE = "payroll";
    private static final String REST_SERVICE = "email";

    /** Requests per second of each stream; reads go round every service (sign-ins for directory-service). */
    record Rates(double kafkaAlerts, double httpAlerts, double restCreates, double reads) {
    }

    private final FaultBed bed;
    private final Ledger ledger;
    private final Rates rates;
    private final Client client;
    private final Random random = new Random();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4, daemon("fault-ticks"));
    private final ExecutorService requests = Executors.newCachedThreadPool(daemon("fault-requests"));
    private final ExecutorService kafkaSends = Executors.newSingleThreadExecutor(daemon("fault-kafka"));
    /** Registers every request in flight, so that {@link #finish} can wait for the last retry. */
    private final Phaser inFlight = new Phaser(1);
    private final AtomicLong alertSequence = new AtomicLong();
    private final AtomicLong bodySequence = new AtomicLong();
    private final AtomicLong readSequence = new AtomicLong();
    private final Set<String> resolving = ConcurrentHashMap.newKeySet();
    private final KafkaProducer<String, String> producer;
    private volatile Phase phase;
    private volatile boolean sending;
    private volatile boolean resolverRunning = true;
    private String serviceDeskToken;
    private String alertSourceToken;
    private String problemManagerToken;

    Traffic(FaultBed bed, Ledger ledger, Rates rates) {
        this.bed = bed;
        this.ledger = ledger;
        this.rates = rates;
        Map<String, List<String>> urls = new ConcurrentHashMap<>();
        FaultBed.SERVICES.forEach(s -> urls.put(s, bed.instances(s).stream().map(FaultBed.Instance::url).toList()));
        this.client = new Client(urls);
        // Acknowledged means written: all replicas, idempotent, and patient enough to outlast a broker outage.
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bed.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(10).toMillis(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    Client client() {
        return client;
    }

    String serviceDeskToken() {
        return serviceDeskToken;
    }

    /** Signs in (a Service Desk analyst, the Alertmanager integration, a Problem Manager) and starts every stream. */
    void start(Phase first) {
        serviceDeskToken = token("/api/auth/token", "{\"username\":\"sam.servicedesk\",\"password\":\"demo\"}", first);
        problemManagerToken = token("/api/auth/token", "{\"username\":\"pat.problem\",\"password\":\"demo\"}", first);
        alertSourceToken = token("/api/auth/integration-token",
                "{\"clientId\":\"alertmanager\",\"clientSecret\":\"demo-alert-secret\"}", first);
        phase = first;
        sending = true;
        every(rates.kafkaAlerts(), () -> kafkaSends.execute(this::kafkaAlert));
        every(rates.httpAlerts(), () -> inBackground(this::httpAlert));
        every(rates.restCreates(), () -> inBackground(this::restCreate));
        every(rates.reads(), () -> inBackground(this::read));
        ticks.scheduleWithFixedDelay(this::resolveProblems, 1, 1, TimeUnit.SECONDS);
    }

    /** From now on, new alerts and incidents belong to this phase. */
    void phase(Phase next) {
        phase = next;
    }

    /**
     * Stops sending, waits until every request in flight has its final answer and Kafka acknowledged every
     * record; the Problem Manager carries on until {@link #close}.
     */
    void finish(Duration atMost) throws Exception {
        sending = false;
        kafkaSends.submit(producer::flush).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        int arrival = inFlight.arrive();
        inFlight.awaitAdvanceInterruptibly(arrival, atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Problems that the Problem Manager has not taken to Resolved yet. */
    int problemsInProgress() {
        return resolving.size();
    }

    // ---- the streams ----

    private void kafkaAlert() {
        if (!sending) {
            return;
        }
        Phase current = phase;
        String fingerprint = nextFingerprint(current);
        Instant sentAt = Instant.now();
        String body = alertmanager(current, fingerprint, "kafka");
        producer.send(new ProducerRecord<>(Topics.ALERTS, fingerprint, body), (metadata, failure) -> {
            if (failure == null) {
                ledger.alertAcknowledged(fingerprint, Ledger.Channel.KAFKA, sentAt);
            } else {
                ledger.kafkaSendFailed();
                current.note("Kafka refused an alert: " + failure);
            }
        });
    }

    private void httpAlert() {
        Phase current = phase;
        String fingerprint = nextFingerprint(current);
        String body = alertmanager(current, fingerprint, "webhook");
        Instant sentAt = Instant.now();
        client.send("incident-service", base -> HttpRequest.newBuilder(URI.create(base + "/api/alerts/alertmanager"))
                        .header("Authorization", "Bearer " + alertSourceToken).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)), current)
                .filter(Client.Answer::ok)
                .ifPresent(answer -> {
                    if (read(answer.body()).path("duplicate").asBoolean(false)) {
                        // An earlier attempt had been stored although its answer never arrived.
                        current.answers().replayed();
                    }
                    ledger.alertAcknowledged(fingerprint, Ledger.Channel.HTTP, sentAt);
                });
    }

    private void restCreate() {
        Phase current = phase;
        String key = UUID.randomUUID().toString();
        ledger.keyTried(current);
        String body = """
                {"title":"%s","description":"reported while faults happen","serviceCode":"%s","impact":"HIGH",
                 "urgency":"MEDIUM","symptom":"%s"}""".formatted(RestTitle.of(current, key), REST_SERVICE,
                // Letters only and unique: these incidents must never cluster into a problem.
                "mailbox sync stalls " + Phase.letters(random, 16));
        Instant sentAt = Instant.now();
        client.send("incident-service", base -> HttpRequest.newBuilder(URI.create(base + "/api/incidents"))
                        .header("Authorization", "Bearer " + serviceDeskToken).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)), current)
                .filter(Client.Answer::ok)
                .ifPresent(answer -> {
                    if (answer.replayed()) {
                        current.answers().replayed();
                    }
                    String id = read(answer.body()).path("id").asText(null);
                    ledger.created(key, current, id, sentAt);
                    accept(id, current);
                });
    }

    /** The Service Desk takes the incident at once: its second event, which must never overtake the first. */
    private void accept(String incidentId, Phase current) {
        client.send("incident-service", base -> HttpRequest.newBuilder(URI.create(base + "/api/incidents/" + incidentId + "/accept"))
                        .header("Authorization", "Bearer " + serviceDeskToken).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")), current, 409)
                .filter(answer -> answer.ok() || answer.status() == 409)
                .ifPresent(answer -> ledger.accepted(incidentId, current));
    }

    /** A sign-in or a list, each service in turn: reads need the database too, and must fail the same way. */
    private void read() {
        Phase current = phase;
        switch ((int) (readSequence.getAndIncrement() % 5)) {
            case 0 -> client.send("directory-service", base -> HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"sam.servicedesk\",\"password\":\"demo\"}")), current);
            case 1 -> list("incident-service", "/api/incidents?size=5", serviceDeskToken, current);
            case 2 -> list("problem-service", "/api/problems?size=5", problemManagerToken, current);
            case 3 -> list("change-service", "/api/changes?size=5", problemManagerToken, current);
            default -> list("notification-service", "/api/notifications?size=5", serviceDeskToken, current);
        }
    }

    private void list(String service, String path, String token, Phase current) {
        client.send(service, base -> HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET(),
                current);
    }

    /** Takes each open problem one step further (assess, analyse, resolve), one worker per problem. */
    private void resolveProblems() {
        if (!resolverRunning) {
            return;
        }
        List<String> open = new ArrayList<>();
        try (Connection db = bed.connect("problem-service"); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("select id from problem where status in ('NEW', 'ASSESS', 'ROOT_CAUSE_ANALYSIS', 'FIX_IN_PROGRESS')")) {
            while (rows.next()) {
                open.add(rows.getString(1));
            }
        } catch (Exception databaseAway) {
            return;
        }
        for (String id : open) {
            if (resolving.add(id)) {
                inBackground(() -> {
                    try {
                        resolve(id);
                    } finally {
                        resolving.remove(id);
                    }
                });
            }
        }
    }

    private void resolve(String problemId) {
        String status = "NEW";
        for (int step = 0; step < 6 && !status.equals("RESOLVED") && !status.equals("CLOSED"); step++) {
            String path = switch (status) {
                case "NEW" -> "assess";
                case "ASSESS" -> "analyse";
                default -> "resolve";
            };
            String body = path.equals("resolve")
                    ? "{\"rootCause\":\"a lock held during the export\",\"fix\":\"batch the export\"}" : "{}";
            Phase current = phase;
            // 409: an earlier attempt took the step although its answer was lost, or another writer came first.
            Optional<Client.Answer> answer = client.send("problem-service", base -> HttpRequest.newBuilder(
                            URI.create(base + "/api/problems/" + problemId + "/" + path))
                    .header("Authorization", "Bearer " + problemManagerToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), current, 409);
            if (answer.isEmpty() || answer.get().status() >= 400 && answer.get().status() != 409) {
                return;
            }
            // A state conflict names the problem's state; a concurrent update (no state named) retries the same step.
            JsonNode reply = read(answer.get().body());
            status = answer.get().status() == 409 ? reply.path("currentStatus").asText(status) : reply.path("status").asText(status);
        }
    }

    // ---- helpers ----

    private String nextFingerprint(Phase current) {
        List<String> fingerprints = current.fingerprints();
        return fingerprints.get((int) Math.floorMod(alertSequence.getAndIncrement(), (long) fingerprints.size()));
    }

    /** An Alertmanager v4 notification with one firing alert; the sequence makes every body unique. */
    private String alertmanager(Phase current, String fingerprint, String via) {
        Phase.Group group = current.groupOf(fingerprint);
        long sequence = bodySequence.getAndIncrement();
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"%2$s\\"}","truncatedAlerts":0,"status":"firing","receiver":"itsm",
                 "groupLabels":{"alertname":"%2$s"},"commonLabels":{"alertname":"%2$s","service":"%3$s","severity":"error"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager:9093",
                 "alerts":[{"status":"firing",
                   "labels":{"alertname":"%2$s","service":"%3$s","severity":"error","instance":"%1$s"},
                   "annotations":{"summary":"%2$s on %1$s","description":"notification %4$d via %5$s"},
                   "startsAt":"%6$s","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus:9090/graph","fingerprint":"%1$s"}]}"""
                .formatted(fingerprint, group.alertName(), ALERT_SERVICE, sequence, via, Instant.now().minusSeconds(1));
    }

    private String token(String path, String body, Phase phase) {
        return client.send("directory-service", base -> HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), phase)
                .filter(Client.Answer::ok)
                .map(answer -> read(answer.body()).path("access_token").asText())
                .orElseThrow(() -> new IllegalStateException("cannot sign in at " + path));
    }

    private void every(double perSecond, Runnable tick) {
        if (perSecond <= 0) {
            return;
        }
        long periodMicros = (long) (1_000_000 / perSecond);
        ticks.scheduleAtFixedRate(() -> {
            if (sending) {
                tick.run();
            }
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void inBackground(Runnable work) {
        inFlight.register();
        requests.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                phase.note("a request failed in the client: " + e);
            } finally {
                inFlight.arriveAndDeregister();
            }
        });
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        sending = false;
        resolverRunning = false;
        ticks.shutdownNow();
        requests.shutdownNow();
        kafkaSends.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }

    /** The title of a REST incident names its phase and its key, so the count can find it. */
    static final class RestTitle {
        private RestTitle() {
        }

        static String of(Phase phase, String key) {
            return "Fault " + phase.tag() + " mailbox sync stalls, report " + key;
        }

        static String key(String title) {
            int at = title.lastIndexOf("report ");
            return at < 0 ? null : title.substring(at + "report ".length());
        }

        static String tag(String title) {
            String[] parts = title.split(" ");
            return parts.length > 1 ? parts[1] : null;
        }
    }
}
