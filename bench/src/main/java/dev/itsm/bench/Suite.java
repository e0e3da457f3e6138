package dev.itsm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.Topics;
import dev.itsm.infra.Processes;
import dev.itsm.infra.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The services, each started from its runnable jar as its own process, as ./itsm up runs them (JVM settings
 * from deploy/base/jvm.env, own database, the run's broker and keys), on free ports.
 * <p>
 * A service started in the middle of the run begins at the end of the event topics: it is there to carry
 * the load that follows, not to catch up with what the bench sent before it ran.
 */
final class Suite implements AutoCloseable {
    static final String DIRECTORY = "directory-service";
    static final String INCIDENT = "incident-service";
    static final String PROBLEM = "problem-service";
    static final String CHANGE = "change-service";
    static final String NOTIFICATION = "notification-service";
    static final List<String> SERVICES = List.of(DIRECTORY, INCIDENT, PROBLEM, CHANGE, NOTIFICATION);
    static final Set<String> INCIDENT_ALONE = Set.of(DIRECTORY, INCIDENT);
    static final Set<String> WHOLE = Set.copyOf(SERVICES);
    private static final List<String> EVENT_TOPICS = List.of(Topics.ALERTS, Topics.INCIDENT_EVENTS, Topics.PROBLEM_EVENTS,
            Topics.CHANGE_EVENTS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchInfra infra;
    private final Path root;
    private final Path logs;
    private final Duration startTimeout;
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final Map<String, String> databases = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

    Suite(BenchInfra infra, Path root, Path logs, Duration startTimeout) {
        this.infra = infra;
        this.root = root;
        this.logs = logs;
        this.startTimeout = startTimeout;
    }

    Path jar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Exactly these services run afterwards: others are stopped, missing ones started (directory first). */
    void ensure(Set<String> wanted) {
        List<String> reverse = new ArrayList<>(SERVICES);
        java.util.Collections.reverse(reverse);
        for (String service : reverse) {
            if (!wanted.contains(service) && running.containsKey(service)) {
                stop(service);
            }
        }
        if (wanted.contains(DIRECTORY) && !running.containsKey(DIRECTORY)) {
            start(DIRECTORY);
        }
        List<String> starting = new ArrayList<>();
        for (String service : SERVICES) {
            if (wanted.contains(service) && !running.containsKey(service)) {
                launch(service);
                starting.add(service);
            }
        }
        for (String service : starting) {
            awaitReady(service, System.nanoTime());
        }
    }

    /** Starts one service and returns seconds from process start until /q/health/ready answered 200. */
    double start(String service) {
        long started = launch(service);
        return awaitReady(service, started) / 1e9;
    }

    private synchronized long launch(String service) {
        if (closed) {
            throw new BenchFailure("the run is stopping: " + service + " is not started");
        }
        if (running.containsKey(service)) {
            throw new IllegalStateException(service + " already runs");
        }
        String database = databases.computeIfAbsent(service, s -> infra.freshDatabase(s.replace("-service", "")));
        skipBacklog(service);
        int port = Processes.freePort();
        long started = System.nanoTime();
        ServiceProcess process = ServiceProcess.launch(service, jar(service), port,
                ServiceProcess.environment(infra.bootstrap(), infra.dbHost(), infra.dbPort(), database, infra.keys(), port),
                logs.resolve(service + ".log"));
        running.put(service, process);
        return started;
    }

    /** Polls the readiness endpoint every 20 ms; fails with the log tail if the process dies or takes too long. */
    private long awaitReady(String service, long started) {
        ServiceProcess process = running.get(service);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(process.url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = started + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!Processes.alive(process.pid())) {
                running.remove(service);
                throw new BenchFailure(service + " exited during start-up:\n" + Processes.tail(process.log(), 30));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime() - started;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted", e);
            }
            Pause.millis(20);
        }
        throw new BenchFailure(service + " was not ready within " + startTimeout + ":\n" + Processes.tail(process.log(), 30));
    }

    void stop(String service) {
        ServiceProcess process = running.remove(service);
        if (process != null) {
            process.stop();
        }
    }

    Collection<ServiceProcess> running() {
        return List.copyOf(running.values());
    }

    ServiceProcess process(String service) {
        ServiceProcess process = running.get(service);
        if (process == null) {
            throw new IllegalStateException(service + " does not run");
        }
        return process;
    }

    String database(String service) {
        return databases.get(service);
    }

    /**
     * Moves the service's consumer group to the end of the event topics (the directory topic excepted: every
     * service must read the whole directory). Retried while a just-stopped member is still leaving the group.
     */
    private void skipBacklog(String group) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (Admin admin = admin()) {
            while (true) {
                try {
                    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                    admin.describeTopics(EVENT_TOPICS).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                            description.partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS)
                            .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
                    admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new BenchFailure("cannot move consumer group " + group + " to the end of the topics: " + e.getMessage(), e);
                    }
                    Pause.millis(500);
                }
            }
        }
    }

    /**
     * Waits until every consumer group of the suite has committed up to the end of every partition it reads,
     * twice in a row: what the previous step caused has been handled before the next is measured.
     * Returns the remaining lag (0 when quiet).
     */
    long awaitQuiet(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietChecks = 0;
        long lag = -1;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                lag = lag(admin);
                quietChecks = lag == 0 ? quietChecks + 1 : 0;
                if (quietChecks >= 2) {
                    return 0;
                }
                Pause.millis(500);
            }
        }
        return lag;
    }

    /** Records not yet committed by the groups on the partitions their members are assigned (directory excepted). */
    private static long lag(Admin admin) {
        try {
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList();
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS).values()) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                group.members().stream().flatMap(member -> member.assignment().topicPartitions().stream())
                        .filter(partition -> !partition.topic().equals(Topics.DIRECTORY_EVENTS))
                        .forEach(partition -> {
                            OffsetAndMetadata offset = offsets.get(partition);
                            committed.merge(partition, offset == null ? 0 : offset.offset(), Math::min);
                        });
            }
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            committed.keySet().forEach(p -> ask.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS);
            return committed.entrySet().stream().mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue())).sum();
        } catch (Exception e) {
            throw new BenchFailure("cannot read consumer lag: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrap()));
    }

    /** A demo person's token from directory-service (password "demo"), as the README shows. */
    String token(String username) {
        return tokens.computeIfAbsent(username, name -> {
            JsonNode body = call(DIRECTORY, "POST", "/api/auth/token", null,
                    "{\"username\":\"" + name + "\",\"password\":\"demo\"}", 200);
            return body.path("access_token").asText();
        });
    }

    /** One control call (not a measured one): fails unless the status is the expected one. */
    JsonNode call(String service, String method, String path, String token, String body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(process(service).url() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new BenchFailure(method + " " + service + path + " answered " + response.statusCode() + " (expected "
                        + expectedStatus + "): " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BenchFailure(method + " " + service + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }

    /** Also from the shutdown hook: synchronized with launch, so no service starts after the others were stopped. */
    @Override
    public synchronized void close() {
        closed = true;
        List<String> reverse = new ArrayList<>(SERVICES);
        java.util.Collections.reverse(reverse);
        reverse.forEach(this::stop);
    }
}
