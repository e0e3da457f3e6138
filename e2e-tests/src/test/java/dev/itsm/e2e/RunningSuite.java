package dev.itsm.e2e;

import dev.itsm.infra.Processes;
import dev.itsm.infra.ServiceProcess;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestKafka;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The five services started from their runnable jars as separate processes, each with its own database
 * (suffix {@code _e2e}) on the suite's PostgreSQL and Kafka broker, exactly as {@code ./itsm up} runs them.
 */
final class RunningSuite {
    static final List<String> SERVICES = List.of("directory-service", "incident-service", "problem-service",
            "change-service", "notification-service");
    /** One write endpoint per service, to show that none takes a write without a token. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Map<String, String> WRITE_PATHS = Map.of(
            "directory-service", "/api/people",
            "incident-service", "/api/incidents",
            "problem-service", "/api/problems",
            "change-service", "/api/changes",
            "notification-service", "/api/notifications/" + java.util.UUID.randomUUID() + "/read");

    /**
     * Settings of the run beyond what ./itsm up sets: P4 incidents get a time to own of seconds, so that the loop sees an
     * SLA warning, a breach and the escalation it causes without waiting; scans run every second. Other priorities keep
     * their targets.
     */
    static final Duration P4_TIME_TO_OWN = Duration.ofSeconds(15);
    private static final Map<String, Map<String, String>> EXTRA_ENVIRONMENT = Map.of("incident-service", Map.of(
            "ITSM_INCIDENT_SLA_P4_TIME_TO_OWN", P4_TIME_TO_OWN.toString(),
            "ITSM_INCIDENT_SLA_P4_TIME_TO_RESOLVE", "PT1H",
            "ITSM_INCIDENT_SLA_SCAN_INTERVAL", "1s"));

    private final SuiteInfra infra;
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> personIds = new ConcurrentHashMap<>();
    private final Path logs;

    private RunningSuite(SuiteInfra infra, Path logs) {
        this.infra = infra;
        this.logs = logs;
    }

    static RunningSuite start() {
        Path root = Path.of(System.getProperty("itsm.repository.root", ".."));
        RunningSuite suite = new RunningSuite(SuiteInfra.get(), Path.of("target", "e2e-logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop));
        for (String service : SERVICES) {
            String database = suite.infra.database(service.replace("-service", "") + "_e2e");
            int port = Processes.freePort();
            Map<String, String> env = new LinkedHashMap<>(ServiceProcess.environment(suite.infra.kafkaBootstrap(), suite.infra.dbHost(),
                    suite.infra.dbPort(), database, suite.infra.keys(), port));
            env.putAll(EXTRA_ENVIRONMENT.getOrDefault(service, Map.of()));
            ServiceProcess process = ServiceProcess.launch(service, root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar"),
                    port, env, suite.logs.resolve(service + ".log"));
            suite.processes.put(service, process);
            if (service.equals("directory-service")) {
                // Everyone else reads the directory from its topic: let it publish first.
                process.awaitReady(START_TIMEOUT);
            }
        }
        suite.processes.values().forEach(process -> process.awaitReady(START_TIMEOUT));
        return suite;
    }

    String kafkaBootstrap() {
        return infra.kafkaBootstrap();
    }

    String url(String service) {
        return processes.get(service).url();
    }

    /** Signs in as a demo person (password "demo") through directory-service. */
    String tokenFor(String username) {
        return tokens.computeIfAbsent(username, name -> given().baseUri(url("directory-service")).contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "demo"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token"));
    }

    String personId(String username) {
        return personIds.computeIfAbsent(username, name -> given().baseUri(url("directory-service"))
                .auth().oauth2(tokenFor(name)).get("/api/auth/me").then().statusCode(200).extract().path("id"));
    }

    void send(String topic, String key, String value) {
        TestKafka.send(infra.kafkaBootstrap(), topic, key, value);
    }

    /** The first record on the topic whose value contains the marker. */
    String awaitRecord(String topic, String marker) {
        return TestKafka.awaitRecords(infra.kafkaBootstrap(), topic, r -> r.value() != null && r.value().contains(marker), 1)
                .get(0).value();
    }

    /** Resident memory of each service after the run, printed and written to target/e2e-memory.txt. */
    void reportMemoryAndStop() {
        List<String> lines = new ArrayList<>();
        processes.values().forEach(process -> lines.add(String.format("%-22s pid %-8d RSS %6d MiB",
                process.name(), process.pid(), process.residentMiB())));
        lines.forEach(System.out::println);
        try {
            Files.write(Path.of("target", "e2e-memory.txt"), lines);
        } catch (IOException e) {
            System.err.println("cannot write e2e-memory.txt: " + e.getMessage());
        }
        stop();
    }

    private synchronized void stop() {
        processes.values().forEach(ServiceProcess::stop);
    }
}
