package dev.itsm.directory.domain;

import dev.itsm.directory.config.DirectoryConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * PBKDF2 is slow on purpose, so it never runs on an event loop: checks and hashes run on a pool of their own (one
 * thread per core unless configured), in parallel and unordered, and the result comes back on the caller's context.
 */
@ApplicationScoped
public class PasswordHashing {
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-real-secret");

    private final WorkerExecutor workers;

    PasswordHashing(Vertx vertx, DirectoryConfig config) {
        int threads = config.signIn().hashingThreads() > 0 ? config.signIn().hashingThreads()
                : Runtime.getRuntime().availableProcessors();
        this.workers = vertx.createSharedWorkerExecutor("password-hashing", threads);
    }

    void stop(@Observes ShutdownEvent ignored) {
        workers.closeAndForget();
    }

    /** Whether the secret matches; a missing hash is checked against a dummy so that timing says nothing. */
    public Uni<Boolean> matches(String secret, String storedHash) {
        return workers.executeBlocking(Uni.createFrom().item(() -> {
            boolean matches = PasswordHasher.matches(secret, storedHash != null ? storedHash : DUMMY_HASH);
            return matches && storedHash != null;
        }), false);
    }

    public Uni<String> hash(String secret) {
        return workers.executeBlocking(Uni.createFrom().item(() -> PasswordHasher.hash(secret)), false);
    }
}
