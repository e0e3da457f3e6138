package dev.itsm.faults;

import dev.itsm.infra.JwtKeys;
import dev.itsm.infra.KafkaBroker;
import dev.itsm.infra.KafkaTopics;
import dev.itsm.infra.MailSink;
import dev.itsm.infra.PostgresServer;
import dev.itsm.infra.Processes;
import dev.itsm.infra.ServiceProcess;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A broker, a PostgreSQL, a mail sink and two instances of every service, all of our own, on free ports under one directory:
 * the instances of a service share its database and its consumer group. Everything here can be broken and
 * mended on purpose: an instance killed and started again, the broker stopped and started on the same data
 * directory and ports, PostgreSQL stopped as a crash would and started again.
 */
public final class FaultBed implements AutoCloseable {
    public static final List<String> SERVICES = List.of("directory-service", "incident-service", "problem-service",
            "change-service", "notification-service");
    public static final int INSTANCES = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Path root;
    private final Path dir;
    private final Path pgDir;
    private final Path kafkaDir;
    private final int kafkaPort;
    private final int controllerPort;
    private final JwtKeys keys;
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile MailSink mail;
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, String> settings;

    /** One running (or stopped) instance of a service, always on the same port. */
    public final class Instance {
        private final String service;
        private final int index;
        private final int port;
        private volatile ServiceProcess process;

        Instance(String service, int index, int port) {
            this.service = service;
            this.index = index;
            this.port = port;
        }

        public String service() {
            return service;
        }

        public String name() {
            return service + "#" + (index + 1);
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public boolean alive() {
            return process != null && Processes.alive(process.pid());
        }

        public boolean ready() {
            return process != null && process.ready();
        }

        /** Launches the instance; it reads its broker, database and keys from the environment, as in production. */
        public synchronized void start() {
            process = ServiceProcess.launch(name(), root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"), port,
                    environment(service, port), dir.resolve("logs").resolve(service + "-" + (index + 1) + ".log"));
        }

        public void awaitReady() {
            process.awaitReady(START_TIMEOUT);
        }

        /** SIGKILL: no shutdown hook runs, batches in flight stay uncommitted, connections drop. */
        public synchronized void kill() {
            if (process != null) {
                process.kill();
            }
        }

        /** SIGTERM: the instance finishes what it can, leaves its consumer groups and exits. */
        public synchronized void stop() {
            if (process != null) {
                process.stop();
            }
        }

        public Path log() {
            return dir.resolve("logs").resolve(service + "-" + (index + 1) + ".log");
        }
    }

    private FaultBed(Path root, Path dir, Map<String, String> settings) {
        this.root = root;
        this.settings = Map.copyOf(settings);
        this.dir = dir;
        this.pgDir = dir.resolve("postgres");
        this.kafkaDir = dir.resolve("kafka");
        this.kafkaPort = quietPort();
        this.controllerPort = quietPort();
        this.keys = JwtKeys.ensure(dir.resolve("keys"));
    }

    /**
     * Starts PostgreSQL and the broker in {@code dir} (a fresh directory each run), then two instances of every
     * service: directory-service first, because every other service reads the directory from its topic.
     * {@code settings} are environment variables every instance gets on top of its broker, database and keys.
     */
    public static FaultBed start(Path root, Path dir, Map<String, String> settings) {
        FaultBed bed = new FaultBed(root.toAbsolutePath(), dir.toAbsolutePath(), settings);
        Runtime.getRuntime().addShutdownHook(new Thread(bed::close, "fault-bed-stop"));
        try {
            bed.postgres = PostgresServer.start(bed.pgDir, quietPort());
            for (String service : SERVICES) {
                String database = database(service);
                bed.postgres.ensureDatabase(database, database, database);
            }
            bed.kafka = KafkaBroker.start(bed.kafkaDir, bed.kafkaPort, bed.controllerPort);
            KafkaTopics.ensure(bed.kafka.bootstrap());
            // notification-service e-mails by default to the mail sink of ./itsm up: this run keeps its mail to itself.
            bed.mail = MailSink.start(bed.root.resolve(MailSink.JAR), bed.dir.resolve("mail"),
                    new MailSink.Ports(quietPort(), quietPort(), quietPort()), List.of());
            for (String service : SERVICES) {
                List<Instance> list = new ArrayList<>();
                for (int i = 0; i < INSTANCES; i++) {
                    list.add(bed.new Instance(service, i, quietPort()));
                }
                bed.instances.put(service, list);
            }
            bed.instances.get("directory-service").forEach(Instance::start);
            bed.instances.get("directory-service").forEach(Instance::awaitReady);
            bed.instances.values().stream().flatMap(List::stream).filter(i -> !i.service().equals("directory-service"))
                    .forEach(Instance::start);
            bed.all().forEach(Instance::awaitReady);
            return bed;
        } catch (RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    private Map<String, String> environment(String service, int port) {
        Map<String, String> env = new HashMap<>(ServiceProcess.environment(kafka.bootstrap(), postgres.host(), postgres.port(),
                database(service), keys, port));
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(mail.ports().smtp()));
        env.putAll(settings);
        return env;
    }

    /**
     * A free port below the range the kernel hands out to outgoing connections. A port that a stopped broker, a
     * crashed database or a killed instance is to come back on must not be taken meanwhile by one of the many
     * client connections of the run, which a port from {@code ServerSocket(0)} could be.
     */
    static synchronized int quietPort() {
        int ephemeralStart = 32768;
        try {
            // readAllLines: procfs files report no size, and a sized read of them comes back short.
            ephemeralStart = Integer.parseInt(java.nio.file.Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0).trim().split("\\s+")[0]);
        } catch (java.io.IOException | RuntimeException unknown) {
            // the common default
        }
        if (ephemeralStart < 12_000) {
            ephemeralStart = 32768;
        }
        int low = ephemeralStart - 10_000;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = low + RANDOM.nextInt(ephemeralStart - low);
            if (TAKEN.contains(port) || port >= 8000 && port < 8100 || port >= 15000 && port < 20000) {
                continue;
            }
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                TAKEN.add(port);
                return port;
            } catch (java.io.IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port below " + ephemeralStart);
    }

    private static final java.util.Random RANDOM = new java.util.Random();
    private static final java.util.Set<Integer> TAKEN = new java.util.HashSet<>();

    public static String database(String service) {
        return service.replace("-service", "");
    }

    public List<Instance> instances(String service) {
        return instances.get(service);
    }

    public List<Instance> all() {
        return instances.values().stream().flatMap(List::stream).toList();
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** An admin connection to a service's database; fails while PostgreSQL is down. */
    public Connection connect(String service) throws SQLException {
        return postgres.connect(database(service));
    }

    // ---- faults ----

    /** Stops the broker the ordinary way (SIGTERM, controlled shutdown). */
    public void stopBroker() {
        kafka.stop();
    }

    /** Starts the broker again on the same data directory and ports, and waits until it answers. */
    public void startBroker() {
        kafka = KafkaBroker.start(kafkaDir, kafkaPort, controllerPort);
    }

    /** {@code pg_ctl stop -m immediate}: every connection drops, uncommitted work is lost, recovery runs at the next start. */
    public void crashPostgres() {
        PostgresServer.stopImmediately(pgDir);
    }

    public void startPostgres() {
        postgres = PostgresServer.start(pgDir, postgres.port());
    }

    /** Waits until every instance reports ready. */
    public void awaitAllReady() {
        all().stream().map(i -> CompletableFuture.runAsync(i::awaitReady)).toList().forEach(CompletableFuture::join);
    }

    @Override
    public synchronized void close() {
        all().stream().map(i -> CompletableFuture.runAsync(() -> {
            try {
                i.stop();
            } catch (RuntimeException ignored) {
                // stop the rest
            }
        })).toList().forEach(CompletableFuture::join);
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
        if (mail != null) {
            Processes.stop(mail.pid(), Duration.ofSeconds(10));
            mail = null;
        }
    }
}
