package dev.itsm.infra.cli;

import dev.itsm.infra.JwtKeys;
import dev.itsm.infra.KafkaBroker;
import dev.itsm.infra.KafkaTopics;
import dev.itsm.infra.MailSink;
import dev.itsm.infra.PostgresServer;
import dev.itsm.infra.Processes;
import dev.itsm.infra.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ./itsm command line: starts and stops the whole suite locally, by PID, with state in {@code .itsm/}.
 * {@code infra-up}/{@code infra-down} run just Kafka and PostgreSQL for a test run.
 */
public final class ItsmCli {
    /** Start order: the directory first, because every other service reads it from its topic. */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("directory-service", 8084);
        SERVICES.put("incident-service", 8081);
        SERVICES.put("problem-service", 8082);
        SERVICES.put("change-service", 8083);
        SERVICES.put("notification-service", 8085);
    }

    static final int POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    /** The local mail sink; notification-service sends to its SMTP port by default. */
    static final MailSink.Ports MAIL_PORTS = new MailSink.Ports(13025, 13143, 13110);
    private static final Path DEMO_DIRECTORY = Path.of("directory-service/src/main/resources/catalog/demo-directory.json");
    private static final Duration SERVICE_START = Duration.ofSeconds(120);

    private final Path root;
    private final Path state;

    ItsmCli(Path root) {
        this.root = root;
        this.state = root.resolve(".itsm");
    }

    public static void main(String[] args) {
        ItsmCli cli = new ItsmCli(Path.of("").toAbsolutePath());
        String command = args.length == 0 ? "help" : args[0];
        try {
            switch (command) {
                case "up" -> cli.up();
                case "down" -> cli.down();
                case "status" -> cli.status();
                case "logs" -> cli.logs(args);
                case "infra-up" -> cli.infraUp(Path.of(argument(args, 1, "infra-up <dir>")));
                case "infra-down" -> cli.infraDown(Path.of(argument(args, 1, "infra-down <dir>")));
                default -> {
                    System.out.println("""
                            usage: ./itsm up | down | status | logs [component] [-n lines] | test
                              up       start PostgreSQL, Kafka and the five services; print their URLs
                              down     stop everything up started, by PID (data stays in .itsm/)
                              status   components, PIDs and health
                              logs     tail a component's log (postgres, kafka, mail, or a service name)""");
                    if (!command.equals("help")) {
                        System.exit(2);
                    }
                }
            }
        } catch (RuntimeException e) {
            System.err.println("itsm " + command + ": " + e.getMessage());
            System.exit(1);
        }
    }

    // ---- the whole suite ----

    void up() {
        long started = System.nanoTime();
        mkdirs(state.resolve("pids"), state.resolve("logs"));
        PostgresServer postgres = runningPostgres().orElseGet(() -> {
            System.out.println("Starting PostgreSQL on port " + POSTGRES_PORT + " ...");
            PostgresServer server = PostgresServer.start(state.resolve("postgres"), POSTGRES_PORT);
            writePid("postgres", server.pid());
            return server;
        });
        KafkaBroker kafka = runningKafka().orElseGet(() -> {
            System.out.println("Starting Kafka (KRaft) on port " + KAFKA_PORT + " ...");
            KafkaBroker broker = KafkaBroker.start(state.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
            writePid("kafka", broker.pid());
            return broker;
        });
        KafkaTopics.ensure(kafka.bootstrap());
        JwtKeys keys = JwtKeys.ensure(state.resolve("keys"));
        if (alivePid("mail").isEmpty()) {
            System.out.println("Starting the mail sink (GreenMail) on SMTP port " + MAIL_PORTS.smtp() + " ...");
            MailSink sink = MailSink.start(root.resolve(MailSink.JAR), state.resolve("mail"), MAIL_PORTS, demoAddresses());
            writePid("mail", sink.pid());
        }

        List<ServiceProcess> services = new ArrayList<>();
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            String name = service.getKey();
            int port = service.getValue();
            Optional<Long> pid = alivePid(name);
            ServiceProcess process;
            if (pid.isPresent()) {
                process = new ServiceProcess(name, port, pid.get(), log(name));
            } else {
                String database = name.replace("-service", "");
                postgres.ensureDatabase(database, database, database);
                System.out.println("Starting " + name + " on port " + port + " ...");
                process = ServiceProcess.launch(name, root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), port,
                        ServiceProcess.environment(kafka.bootstrap(), "localhost", postgres.port(), database, keys, port),
                        log(name));
                writePid(name, process.pid());
            }
            if (name.equals("directory-service")) {
                process.awaitReady(SERVICE_START);
            }
            services.add(process);
        }
        for (ServiceProcess service : services) {
            service.awaitReady(SERVICE_START);
        }
        System.out.printf("%nThe ITSM suite is up (%.1f s). Everything is healthy.%n%n", (System.nanoTime() - started) / 1e9);
        for (ServiceProcess service : services) {
            System.out.printf("  %-21s %s   Swagger UI %s/q/swagger-ui   health %s/q/health%n",
                    service.name(), service.url(), service.url(), service.url());
        }
        System.out.printf("""

                  PostgreSQL  localhost:%d (one database and user per service; password = name)
                  Kafka       %s
                  Mail sink   SMTP localhost:%d; read the demo people's mail over IMAP localhost:%d or POP3 localhost:%d
                              (user = the part of the address before @, e.g. tom.tier2; password "demo")

                Get a token (demo people, password "demo": sam.servicedesk, tina.tier1, tom.tier2, terry.tier3,
                ivan.incident, pat.problem, chris.change, carl.cab, olive.owner, uma.user, ada.admin):
                  curl -s -X POST localhost:8084/api/auth/token -H 'Content-Type: application/json' \\
                       -d '{"username":"ivan.incident","password":"demo"}'
                Send an Alertmanager webhook with the alertmanager integration's token:
                  curl -s -X POST localhost:8084/api/auth/integration-token -H 'Content-Type: application/json' \\
                       -d '{"clientId":"alertmanager","clientSecret":"demo-alert-secret"}'
                  curl -s -X POST localhost:8081/api/alerts/alertmanager -H "Authorization: Bearer $TOKEN" \\
                       -H 'Content-Type: application/json' -d @alert.json
                  or produce the same JSON onto the Kafka topic itsm.alerts.v1

                ./itsm status   ./itsm logs <component>   ./itsm down
                """, postgres.port(), kafka.bootstrap(), MAIL_PORTS.smtp(), MAIL_PORTS.imap(), MAIL_PORTS.pop3());
    }

    void down() {
        List<String> order = new ArrayList<>(SERVICES.keySet());
        java.util.Collections.reverse(order);
        order.add("mail");
        order.add("kafka");
        order.add("postgres");
        for (String component : order) {
            Optional<Long> pid = alivePid(component);
            if (pid.isPresent()) {
                System.out.println("Stopping " + component + " (pid " + pid.get() + ") ...");
                Processes.stop(pid.get(), Duration.ofSeconds(30));
            }
            deletePid(component);
        }
        System.out.println("Stopped. Data stays in " + state + " (delete it for a fresh start).");
    }

    void status() {
        System.out.printf("%-21s %-8s %-6s %-28s %s%n", "COMPONENT", "PID", "ALIVE", "ADDRESS", "HEALTH");
        row("postgres", "localhost:" + POSTGRES_PORT, null);
        row("kafka", "localhost:" + KAFKA_PORT, null);
        row("mail", "smtp://localhost:" + MAIL_PORTS.smtp(), null);
        SERVICES.forEach((name, port) -> row(name, "http://localhost:" + port, new ServiceProcess(name, port, -1, log(name))));
    }

    private void row(String component, String address, ServiceProcess service) {
        Optional<Long> pid = readPid(component);
        boolean alive = pid.map(Processes::alive).orElse(false);
        String health = !alive ? "-" : service == null ? "listening" : service.ready() ? "UP" : "DOWN";
        System.out.printf("%-21s %-8s %-6s %-28s %s%n", component, pid.map(String::valueOf).orElse("-"), alive ? "yes" : "no",
                address, health);
    }

    void logs(String[] args) {
        int lines = 50;
        List<String> components = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("-n") && i + 1 < args.length) {
                lines = Integer.parseInt(args[++i]);
            } else {
                components.add(args[i]);
            }
        }
        if (components.isEmpty()) {
            components.addAll(SERVICES.keySet());
        }
        for (String component : components) {
            Path file = switch (component) {
                case "postgres" -> state.resolve("postgres/postgres.log");
                case "kafka" -> state.resolve("kafka/broker.log");
                case "mail" -> state.resolve("mail/greenmail.log");
                default -> log(component);
            };
            System.out.println("==> " + file + " <==");
            System.out.println(Processes.tail(file, lines));
        }
    }

    // ---- just the infrastructure, for a test run ----

    void infraUp(Path dir) {
        mkdirs(dir);
        PostgresServer external = PostgresServer.external();
        PostgresServer postgres = external != null ? external : PostgresServer.start(dir.resolve("postgres"), 0);
        KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), 0, 0);
        KafkaTopics.ensure(kafka.bootstrap());
        JwtKeys keys = JwtKeys.ensure(dir.resolve("keys"));
        write(dir.resolve("postgres.pid"), String.valueOf(postgres.pid()));
        write(dir.resolve("kafka.pid"), String.valueOf(kafka.pid()));
        write(dir.resolve("infra.env"), String.join("\n",
                "export ITSM_KAFKA_BOOTSTRAP=" + kafka.bootstrap(),
                "export ITSM_DB_HOST=" + postgres.host(),
                "export ITSM_DB_PORT=" + postgres.port(),
                "export ITSM_PG_ADMIN_USER=" + postgres.adminUser(),
                "export ITSM_PG_ADMIN_PASSWORD=" + postgres.adminPassword(),
                "export ITSM_JWT_PRIVATE_KEY=" + keys.privateKey(),
                "export ITSM_JWT_PUBLIC_KEY=" + keys.publicKey(), ""));
        System.out.println("Kafka " + kafka.bootstrap() + " (pid " + kafka.pid() + "), PostgreSQL " + postgres.host() + ":"
                + postgres.port() + (postgres.pid() > 0 ? " (pid " + postgres.pid() + ")" : " (external)"));
    }

    void infraDown(Path dir) {
        for (String component : List.of("kafka", "postgres")) {
            Path pidFile = dir.resolve(component + ".pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(read(pidFile).trim());
                if (pid > 0) {
                    Processes.stop(pid, Duration.ofSeconds(30));
                }
            }
        }
    }

    /** The demo people's e-mail addresses, so the mail sink has a mailbox for each. */
    private List<String> demoAddresses() {
        Path file = root.resolve(DEMO_DIRECTORY);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> addresses = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("people")
                    .forEach(person -> {
                        String email = person.path("email").asText("");
                        if (email.contains("@")) {
                            addresses.add(email);
                        }
                    });
            return addresses;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- state files ----

    private Optional<PostgresServer> runningPostgres() {
        return alivePid("postgres").map(pid -> PostgresServer.attach("127.0.0.1", POSTGRES_PORT, "postgres",
                PostgresServer.LOCAL_ADMIN_PASSWORD, pid));
    }

    private Optional<KafkaBroker> runningKafka() {
        return alivePid("kafka").map(pid -> KafkaBroker.attach(pid, KAFKA_PORT, state.resolve("kafka")));
    }

    private Optional<Long> alivePid(String component) {
        return readPid(component).filter(Processes::alive);
    }

    private Optional<Long> readPid(String component) {
        Path file = state.resolve("pids").resolve(component + ".pid");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(read(file).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writePid(String component, long pid) {
        write(state.resolve("pids").resolve(component + ".pid"), String.valueOf(pid));
    }

    private void deletePid(String component) {
        try {
            Files.deleteIfExists(state.resolve("pids").resolve(component + ".pid"));
        } catch (IOException ignored) {
            // a stale pid file is harmless: the process is checked before use
        }
    }

    private Path log(String service) {
        return state.resolve("logs").resolve(service + ".log");
    }

    private static void mkdirs(Path... dirs) {
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String argument(String[] args, int index, String usage) {
        if (args.length <= index) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return args[index];
    }
}
