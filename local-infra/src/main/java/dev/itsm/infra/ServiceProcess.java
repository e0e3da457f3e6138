package dev.itsm.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One service started from its runnable jar as its own process, the way ./itsm up and the end-to-end tests run it. */
public record ServiceProcess(String name, int port, long pid, Path log) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The environment every service reads: broker, its own database and user, and the token keys. */
    public static Map<String, String> environment(String kafkaBootstrap, String dbHost, int dbPort, String database,
                                                  JwtKeys keys, int httpPort) {
        return Map.ofEntries(
                Map.entry("ITSM_KAFKA_BOOTSTRAP", kafkaBootstrap),
                Map.entry("ITSM_DB_HOST", dbHost),
                Map.entry("ITSM_DB_PORT", String.valueOf(dbPort)),
                Map.entry("ITSM_DB_NAME", database),
                Map.entry("ITSM_DB_USER", database),
                Map.entry("ITSM_DB_PASSWORD", database),
                Map.entry("ITSM_JWT_PUBLIC_KEY", keys.publicKey().toString()),
                Map.entry("ITSM_JWT_PRIVATE_KEY", keys.privateKey().toString()),
                Map.entry("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKey().toString()),
                Map.entry("QUARKUS_HTTP_PORT", String.valueOf(httpPort)),
                // The local run, the end-to-end tests and the bench sign in as the demo people.
                Map.entry("ITSM_DIRECTORY_DEMO_DATA", "true"));
    }

    public static ServiceProcess launch(String name, Path jar, int port, Map<String, String> env, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn install -DskipTests)");
        }
        if (Processes.listening(port)) {
            throw new IllegalStateException("port " + port + " is already in use: cannot start " + name + " there");
        }
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(), "-jar", jar.toAbsolutePath().toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("JAVA_TOOL_OPTIONS", jvmOptions(jar));
            builder.environment().putAll(env);
            Process process = builder.start();
            return new ServiceProcess(name, port, process.pid(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * The JVM settings of every service, from {@code deploy/base/jvm.env} above the jar: the one file that
     * ./itsm up, the tests, the benchmark and the Kubernetes manifests share.
     */
    public static String jvmOptions(Path jar) {
        for (Path dir = jar.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("deploy/base/jvm.env");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readAllLines(file).stream().map(String::strip)
                            .filter(line -> line.startsWith("JAVA_TOOL_OPTIONS="))
                            .map(line -> line.substring("JAVA_TOOL_OPTIONS=".length()).replaceAll("^\"|\"$", ""))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException(file + " has no JAVA_TOOL_OPTIONS= line"));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        throw new IllegalStateException("deploy/base/jvm.env not found in any folder above " + jar);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public boolean ready() {
        return health("/q/health/ready") == 200;
    }

    /** HTTP status of a health endpoint, or -1 when nothing answers. */
    public int health(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until the service reports ready; fails with its log tail if it exits or takes too long. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!Processes.alive(pid)) {
                throw new IllegalStateException(name + " exited during start-up:\n" + Processes.tail(log, 30));
            }
            if (ready()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + Processes.tail(log, 30));
    }

    /** Resident memory in MiB, from /proc; -1 if unknown. */
    public long residentMiB() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D+", "")) / 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public void stop() {
        Processes.stop(pid, Duration.ofSeconds(20));
    }

    /** Kills the process without warning (SIGKILL), as a crash or an evicted pod would end it, and waits until it has gone. */
    public void kill() {
        ProcessHandle.of(pid).ifPresent(handle -> {
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }
}
