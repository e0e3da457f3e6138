package dev.itsm.incident.messaging;

import dev.itsm.incident.domain.IncidentMetrics;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Keeps the MTTA / MTTR gauges current on every replica. */
@ApplicationScoped
public class MetricsRefresh {
    private static final Logger LOG = Logger.getLogger(MetricsRefresh.class);

    private final IncidentMetrics metrics;

    MetricsRefresh(IncidentMetrics metrics) {
        this.metrics = metrics;
    }

    @Scheduled(every = "${itsm.incident.metrics.refresh-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return metrics.refresh()
                .onFailure().invoke(failure -> LOG.warnf("refreshing the MTTA/MTTR gauges failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
