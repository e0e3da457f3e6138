package dev.itsm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.testing.AlertmanagerPayloads;
import dev.itsm.infra.KafkaTopics;
import dev.itsm.infra.Processes;
import dev.itsm.infra.ServiceProcess;
import dev.itsm.infra.SuiteInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * How fast Alertmanager notifications on {@code itsm.alerts.v1} become incidents, next to what the same broker
 * does with the same records and no service in between. Starts directory-service and one incident-service as
 * {@code ./itsm up} does, on the broker and database of {@link SuiteInfra} (its own, unless the environment
 * names running ones). Every figure is printed next to the raw-Kafka baseline measured in the same run.
 * <p>
 * Options: {@code --alerts N} (measured batch, default 2000), {@code --warmup N} (default 300).
 */
public final class AlertPipelineBench {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SuiteInfra infra;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String incidentDatabase;

    private AlertPipelineBench(SuiteInfra infra) {
        this.infra = infra;
        this.incidentDatabase = database("incident-service");
    }

    /** Databases of their own, so a benchmark never mixes with what ./itsm up keeps. */
    private static String database(String service) {
        return service.replace("-service", "") + "_bench";
    }

    public static void main(String[] args) {
        int alerts = option(args, "--alerts", 2000);
        int warmup = option(args, "--warmup", 300);
        Path root = Path.of(System.getProperty("itsm.repository.root", ".")).toAbsolutePath().normalize();
        Path logs = root.resolve("bench/target/logs");
        SuiteInfra infra = SuiteInfra.get();
        List<ServiceProcess> services = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> services.forEach(ServiceProcess::stop)));
        System.out.println("Starting directory-service and incident-service (logs in " + logs + ") ...");
        for (String service : List.of("directory-service", "incident-service")) {
            int port = Processes.freePort();
            ServiceProcess process = ServiceProcess.launch(service, root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"),
                    port, ServiceProcess.environment(infra.kafkaBootstrap(), infra.dbHost(), infra.dbPort(),
                            infra.database(database(service)), infra.keys(), port),
                    logs.resolve(service + ".log"));
            services.add(process);
            process.awaitReady(Duration.ofMinutes(3));
        }
        new AlertPipelineBench(infra).report(alerts, warmup);
    }

    private void report(int alerts, int warmup) {
        try (KafkaProducer<String, String> producer = producer()) {
            String baselineTopic = "bench.baseline." + run;
            createTopic(baselineTopic);
            System.out.printf("Warming up with %d records per path ...%n", warmup);
            rawKafka(producer, baselineTopic, batch("warm-raw", warmup));
            alertToIncident(producer, batch("warm-alert", warmup));

            Batch raw = batch("raw", alerts);
            rawKafka(producer, baselineTopic, raw);
            Batch opened = batch("alert", alerts);
            alertToIncident(producer, opened);
            Batch refired = new Batch(opened.keys());
            refiring(producer, refired);

            Batch.Figures base = raw.figures();
            System.out.printf("%nAlert pipeline, %d Alertmanager notifications sent at once, %d partitions, one incident-service%n",
                    alerts, KafkaTopics.PARTITIONS);
            System.out.printf("(JVM flags as ./itsm up: -Xmx256m, SerialGC, C1 only). Latency = sent until effect seen.%n%n");
            System.out.printf("%-52s %9s %10s %9s %9s %9s %12s%n", "path", "seconds", "per sec", "p50 ms", "p95 ms", "p99 ms",
                    "vs baseline");
            row("baseline: raw Kafka produce -> consume", base, base);
            row("alert -> incident opened (incident.opened event)", opened.figures(), base);
            row("re-fired alert -> deduplicated (alert count)", refired.figures(), base);
            System.out.printf("%n'vs baseline' = throughput as a fraction of the baseline's; re-firing has no per-alert event,%n"
                    + "so its latency columns are the time until the whole batch was counted.%n");
        }
    }

    private static void row(String label, Batch.Figures f, Batch.Figures base) {
        System.out.printf("%-52s %9.2f %10.0f %9.1f %9.1f %9.1f %11.3fx%n", label, f.seconds(), f.perSecond(),
                f.p50Millis(), f.p95Millis(), f.p99Millis(), f.perSecond() / base.perSecond());
    }

    private Batch batch(String phase, int size) {
        return new Batch(IntStream.range(0, size).mapToObj(i -> "bench-" + run + "-" + phase + "-" + i).toList());
    }

    private static String alert(String fingerprint) {
        return AlertmanagerPayloads.firing(fingerprint, "payroll", "BenchExportStalled", fingerprint);
    }

    /** The floor: the same records through the same broker, consumed with no processing. */
    private void rawKafka(KafkaProducer<String, String> producer, String topic, Batch batch) {
        watchWhileSending(topic, ConsumerRecord::key, batch, () -> send(producer, topic, batch));
    }

    private void alertToIncident(KafkaProducer<String, String> producer, Batch batch) {
        watchWhileSending(Topics.INCIDENT_EVENTS, AlertPipelineBench::openedFingerprint, batch,
                () -> send(producer, Topics.ALERTS, batch));
    }

    /** The same alerts again: each must find its open incident and count the repeat, opening nothing. */
    private void refiring(KafkaProducer<String, String> producer, Batch batch) {
        send(producer, Topics.ALERTS, batch);
        String sql = "select count(*) from incident where alert_fingerprint like ? and alert_count >= 2";
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://" + infra.dbHost() + ":" + infra.dbPort() + "/"
                + incidentDatabase, incidentDatabase, incidentDatabase); PreparedStatement count = db.prepareStatement(sql)) {
            count.setString(1, "bench-" + run + "-alert-%");
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == batch.keys().size()) {
                        batch.allSeenNow();
                        return;
                    }
                }
                pause();
            }
            throw new IllegalStateException("re-fired alerts not all counted within " + PHASE_TIMEOUT);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + incidentDatabase, e);
        }
    }

    private static String openedFingerprint(ConsumerRecord<String, String> record) {
        try {
            JsonNode event = JSON.readTree(record.value());
            return EventTypes.INCIDENT_OPENED.equals(event.path("type").asText()) ? event.path("data").path("alertFingerprint").asText(null) : null;
        } catch (Exception notAnEvent) {
            return null;
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, Batch batch) {
        for (String key : batch.keys()) {
            String value = alert(key);
            batch.sent(key);
            producer.send(new ProducerRecord<>(topic, key, value));
        }
        producer.flush();
    }

    /** Reads the topic from its current end in the background, sends, and waits until every key was seen. */
    private void watchWhileSending(String topic, Function<ConsumerRecord<String, String>, String> keyOf, Batch batch, Runnable sending) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread sender = new Thread(sending, "bench-sender");
            sender.start();
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            while (!batch.complete() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(50)).forEach(record -> batch.seen(keyOf.apply(record)));
            }
            join(sender);
            if (!batch.complete()) {
                throw new IllegalStateException("only " + batch.seenCount() + " of " + batch.keys().size() + " seen on " + topic
                        + " within " + PHASE_TIMEOUT);
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private void createTopic(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, KafkaTopics.PARTITIONS, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
