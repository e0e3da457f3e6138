package dev.itsm.bench;

import dev.itsm.infra.JwtKeys;
import dev.itsm.infra.KafkaBroker;
import dev.itsm.infra.KafkaTopics;
import dev.itsm.infra.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A Kafka broker and a PostgreSQL of the run's own, started fresh on free ports under {@code bench/target},
 * so a run never meets another run's data or another helper's processes.
 */
final class BenchInfra implements AutoCloseable {
    private final Path dir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final JwtKeys keys;

    private BenchInfra(Path dir, PostgresServer postgres, KafkaBroker kafka, JwtKeys keys) {
        this.dir = dir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.keys = keys;
    }

    static BenchInfra start(Path dir) {
        deleteTree(dir);
        PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), 0);
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(dir.resolve("kafka"), 0, 0);
            KafkaTopics.ensure(kafka.bootstrap());
        } catch (RuntimeException e) {
            postgres.stop();
            throw e;
        }
        return new BenchInfra(dir, postgres, kafka, JwtKeys.ensure(dir.resolve("keys")));
    }

    String bootstrap() {
        return kafka.bootstrap();
    }

    long kafkaPid() {
        return kafka.pid();
    }

    String dbHost() {
        return postgres.host();
    }

    int dbPort() {
        return postgres.port();
    }

    JwtKeys keys() {
        return keys;
    }

    Path dir() {
        return dir;
    }

    /**
     * An empty database owned by a user of the same name (password = name). Dropped first: the data
     * directory may survive from an earlier run when PostgreSQL had to live under the temp directory.
     */
    String freshDatabase(String name) {
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new BenchFailure("cannot drop database " + name + ": " + e.getMessage(), e);
        }
        postgres.ensureDatabase(name, name, name);
        return name;
    }

    Connection connect(String database) {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + dbHost() + ":" + dbPort() + "/" + database, database, database);
        } catch (SQLException e) {
            throw new BenchFailure("cannot connect to database " + database + ": " + e.getMessage(), e);
        }
    }

    String postgresVersion() {
        try (Connection admin = postgres.connect("postgres"); Statement sql = admin.createStatement();
             var rs = sql.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The producer every alert of the run goes through: idempotent, acks from all replicas, as a real source would. */
    KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    void createTopic(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, KafkaTopics.PARTITIONS, (short) 1))).all().get();
        } catch (Exception e) {
            throw new BenchFailure("cannot create topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
