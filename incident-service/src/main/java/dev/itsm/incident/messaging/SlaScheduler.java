package dev.itsm.incident.messaging;

import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.domain.SlaTimers;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs on every replica: each scan fires the SLA timers that are due, batch after batch until none is left; replicas
 * never fire the same timer (rows are claimed with SKIP LOCKED). A failed scan is logged and the next one retries.
 */
@ApplicationScoped
public class SlaScheduler {
    private static final Logger LOG = Logger.getLogger(SlaScheduler.class);

    private final SlaTimers timers;
    private final int batch;

    SlaScheduler(SlaTimers timers, IncidentConfig config) {
        this.timers = timers;
        this.batch = config.sla().scanBatch();
    }

    @Scheduled(every = "${itsm.incident.sla.scan-interval:5s}", delayed = "${itsm.incident.sla.scan-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scan() {
        return fireUntilDone(0)
                .onFailure().invoke(failure -> LOG.warnf("SLA scan failed (the next scan retries): %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> fireUntilDone(int rounds) {
        return timers.fireDue().chain(scan -> scan.claimed() >= batch && rounds < 100 ? fireUntilDone(rounds + 1)
                : Uni.createFrom().voidItem());
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        return timers.pruneEnded().replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("pruning ended SLA timers failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
