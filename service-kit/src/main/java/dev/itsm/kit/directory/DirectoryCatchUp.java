package dev.itsm.kit.directory;

import dev.itsm.contracts.Topics;
import dev.itsm.kit.config.KitConfig;
import dev.itsm.kit.messaging.KafkaClients;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether this service's copy of the directory holds everything the directory topic held when the service
 * started. Events are routed by who holds which role and who is in which group, so until then every other
 * consumer waits: a fresh replica never acts on half a directory. The readiness check reports it as data
 * and stays UP, because the HTTP API does not need it (and a broker outage must not take the API down).
 * "Holds" means the consumer group has committed, on every partition, at least the end offset seen at start.
 */
@ApplicationScoped
@Readiness
@IfBuildProperty(name = "itsm.directory.projection.enabled", stringValue = "true", enableIfMissing = true)
public class DirectoryCatchUp implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DirectoryCatchUp.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final KitConfig config;
    private final KafkaClients kafka;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "directory-catch-up");
        thread.setDaemon(true);
        return thread;
    });
    private Admin admin;
    private Map<TopicPartition, Long> endAtStart;

    DirectoryCatchUp(KitConfig config, KafkaClients kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent ignored) {
        admin = Admin.create(kafka.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, config.serviceName() + "-directory-catch-up")));
        checker.execute(this::check);
    }

    void stop(@Observes ShutdownEvent ignored) {
        checker.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Completes once the copy has caught up; at once when it already has. */
    public Uni<Void> awaitCaughtUp() {
        return Uni.createFrom().completionStage(caughtUp);
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("directory copy").up()
                .withData("state", isCaughtUp() ? "caught up" : "catching up (event consumers wait)")
                .withData("topic", Topics.DIRECTORY_EVENTS).build();
    }

    private void check() {
        try {
            if (endAtStart == null) {
                endAtStart = endOffsets();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.consumerGroup())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            boolean done = endAtStart.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
            if (done) {
                LOG.infof("the directory copy has caught up with %s", Topics.DIRECTORY_EVENTS);
                caughtUp.complete(null);
                checker.shutdown();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.debugf("directory catch-up not known yet: %s", e.getMessage());
        }
        checker.schedule(this::check, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        var description = admin.describeTopics(List.of(Topics.DIRECTORY_EVENTS)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.DIRECTORY_EVENTS);
        Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.DIRECTORY_EVENTS, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
