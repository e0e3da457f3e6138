package dev.itsm.directory.domain;

import dev.itsm.infra.InfraTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas start together (a rollout, a scale-up) and each loads what is missing of the catalog and the demo
 * organisation at start. Both must come up, and what they load must exist once.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory-service"))
class ReplicasStartingTogetherTest {
    private static final int REPLICAS = 4;

    @Inject
    DirectoryService directory;

    @Test
    void replicasLoadingTheSameDirectoryAtOnceAllSucceedAndStoreItOnce() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<DemoDirectory.DemoGroup> groups = IntStream.range(0, 10)
                .mapToObj(i -> new DemoDirectory.DemoGroup("start-" + run + "-" + i, "Started together " + i, "TIER_2", 2, null))
                .toList();
        DemoDirectory demo = new DemoDirectory(List.of(), groups, List.of(), List.of(), "demo");

        var threads = Executors.newFixedThreadPool(REPLICAS);
        try {
            List<CompletableFuture<Integer>> loads = IntStream.range(0, REPLICAS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> directory.loadDemo(demo)));
                        } catch (Throwable e) {
                            throw new IllegalStateException("a replica failed to load the directory: " + e.getMessage(), e);
                        }
                    }, threads))
                    .toList();
            List<Integer> created = loads.stream().map(CompletableFuture::join).toList();
            assertThat(created.stream().mapToInt(Integer::intValue).sum()).as("each group created by exactly one replica")
                    .isEqualTo(groups.size());
        } finally {
            threads.shutdownNow();
        }
        long stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> PersonGroup.count("code like ?1", "start-" + run + "-%")));
        assertThat(stored).isEqualTo(groups.size());
    }
}
