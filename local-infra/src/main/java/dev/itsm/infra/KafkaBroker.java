package dev.itsm.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker in its own JVM, launched from the Kafka jars that the kafka-broker module
 * resolved. The process outlives the JVM that started it until {@link #stop} is called with its PID.
 */
public final class KafkaBroker {
    private static final String CLASSPATH_RESOURCE = "/dev/itsm/infra/broker/classpath.txt";
    private static final String LOG_CONFIG_RESOURCE = "/dev/itsm/infra/broker/log4j2.properties";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final long pid;
    private final int port;
    private final Path dir;

    private KafkaBroker(long pid, int port, Path dir) {
        this.pid = pid;
        this.port = port;
        this.dir = dir;
    }

    /** Starts a broker keeping its data and log in {@code dir}; port 0 picks free ports. */
    public static KafkaBroker start(Path dir, int port, int controllerPort) {
        int brokerPort = port == 0 ? Processes.freePort() : port;
        int quorumPort = controllerPort == 0 ? Processes.freePort() : controllerPort;
        for (int p : List.of(brokerPort, quorumPort)) {
            if (Processes.listening(p)) {
                throw new IllegalStateException("port " + p + " is already in use: cannot start Kafka there");
            }
        }
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            Path config = dir.resolve("server.properties");
            Files.writeString(config, """
                    process.roles=broker,controller
                    node.id=1
                    controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                    listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                    advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                    controller.listener.names=CONTROLLER
                    listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                    log.dirs=%3$s
                    num.partitions=3
                    offsets.topic.replication.factor=1
                    offsets.topic.num.partitions=10
                    transaction.state.log.replication.factor=1
                    transaction.state.log.min.isr=1
                    group.initial.rebalance.delay.ms=0
                    auto.create.topics.enable=true
                    log.retention.hours=168
                    """.formatted(brokerPort, quorumPort, data.toAbsolutePath()));
            Path logConfig = dir.resolve("log4j2.properties");
            try (InputStream in = resource(LOG_CONFIG_RESOURCE)) {
                Files.write(logConfig, in.readAllBytes());
            }
            String classpath = classpath();
            if (!Files.exists(data.resolve("meta.properties"))) {
                Processes.run(List.of(Processes.javaExecutable(), "-cp", classpath, "-Xmx256m",
                        "-Dlog4j2.configurationFile=" + logConfig.toAbsolutePath(), "-Dkafka.logs.dir=" + dir.toAbsolutePath(),
                        "kafka.tools.StorageTool", "format", "--cluster-id=" + randomClusterId(), "-c", config.toAbsolutePath().toString(),
                        "--standalone"), dir, Duration.ofSeconds(60));
            }
            List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(), "-Xms128m", "-Xmx512m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + logConfig.toAbsolutePath(), "-Dkafka.logs.dir=" + dir.toAbsolutePath(),
                    "-cp", classpath, "kafka.Kafka", config.toAbsolutePath().toString()));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            KafkaBroker broker = new KafkaBroker(process.pid(), brokerPort, dir);
            broker.awaitReady(process);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka in " + dir, e);
        }
    }

    /** A broker started earlier, by PID. */
    public static KafkaBroker attach(long pid, int port, Path dir) {
        return new KafkaBroker(pid, port, dir);
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return pid;
    }

    public void stop() {
        Processes.stop(pid, Duration.ofSeconds(30));
    }

    private void awaitReady(Process process) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + ":\n" + logTail());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // still starting
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka was not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    private String logTail() {
        return Processes.tail(dir.resolve("stdout.log"), 20) + "\n" + Processes.tail(dir.resolve("broker.log"), 20);
    }

    private static String classpath() {
        try (InputStream in = resource(CLASSPATH_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KafkaBroker.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing: build the kafka-broker module (mvn install -pl kafka-broker)");
        }
        return in;
    }

    /** KRaft cluster ids are 16 random bytes, base64url without padding. */
    private static String randomClusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
