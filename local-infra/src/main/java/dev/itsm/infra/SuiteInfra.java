package dev.itsm.infra;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kafka broker, PostgreSQL and signing keys of one test JVM. When the environment names running ones
 * ({@code ITSM_KAFKA_BOOTSTRAP}, {@code ITSM_DB_HOST}/{@code ITSM_DB_PORT} with {@code ITSM_PG_ADMIN_USER}/
 * {@code ITSM_PG_ADMIN_PASSWORD}, {@code ITSM_JWT_PRIVATE_KEY}/{@code ITSM_JWT_PUBLIC_KEY}) as {@code ./itsm test}
 * does, they are shared; otherwise this JVM starts its own under {@code target/itsm-infra} and stops them on exit.
 */
public final class SuiteInfra {
    private static SuiteInfra instance;

    private final String kafkaBootstrap;
    private final PostgresServer postgres;
    private final JwtKeys keys;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    private SuiteInfra(String kafkaBootstrap, PostgresServer postgres, JwtKeys keys) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.postgres = postgres;
        this.keys = keys;
    }

    public static synchronized SuiteInfra get() {
        if (instance == null) {
            instance = fromEnvironment();
            if (instance == null) {
                instance = startOwn(Path.of("target", "itsm-infra").toAbsolutePath());
            }
            KafkaTopics.ensure(instance.kafkaBootstrap);
        }
        return instance;
    }

    private static SuiteInfra fromEnvironment() {
        String bootstrap = System.getenv("ITSM_KAFKA_BOOTSTRAP");
        String dbHost = System.getenv("ITSM_DB_HOST");
        String privateKey = System.getenv("ITSM_JWT_PRIVATE_KEY");
        String publicKey = System.getenv("ITSM_JWT_PUBLIC_KEY");
        if (bootstrap == null || dbHost == null || privateKey == null || publicKey == null) {
            return null;
        }
        PostgresServer postgres = PostgresServer.attach(dbHost, Integer.parseInt(System.getenv().getOrDefault("ITSM_DB_PORT", "5432")),
                System.getenv().getOrDefault("ITSM_PG_ADMIN_USER", "postgres"),
                System.getenv().getOrDefault("ITSM_PG_ADMIN_PASSWORD", PostgresServer.LOCAL_ADMIN_PASSWORD), -1);
        return new SuiteInfra(bootstrap, postgres, new JwtKeys(Path.of(privateKey), Path.of(publicKey)));
    }

    private static SuiteInfra startOwn(Path dir) {
        PostgresServer external = PostgresServer.external();
        PostgresServer postgres = external != null ? external : PostgresServer.start(dir.resolve("postgres"), 0);
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(dir.resolve("kafka-" + ProcessHandle.current().pid()), 0, 0);
        } catch (RuntimeException e) {
            postgres.stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.stop();
        }, "itsm-infra-stop"));
        return new SuiteInfra(kafka.bootstrap(), postgres, JwtKeys.ensure(dir.resolve("keys")));
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String dbHost() {
        return postgres.host();
    }

    public int dbPort() {
        return postgres.port();
    }

    /** Ensures a database owned by a user of the same name, whose password is that name too. */
    public String database(String name) {
        if (databases.add(name)) {
            postgres.ensureDatabase(name, name, name);
        }
        return name;
    }

    public Path privateKey() {
        return keys.privateKey();
    }

    public Path publicKey() {
        return keys.publicKey();
    }

    public JwtKeys keys() {
        return keys;
    }
}
