package dev.itsm.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which consumers are holding their partitions back and why (the database or broker is unreachable, a race
 * keeps being lost). Reported on the readiness endpoint as a degraded check that stays UP: the HTTP API only
 * needs PostgreSQL, and its own datasource check says when that is gone, so consumer trouble never takes a
 * replica out of the load balancer.
 */
@ApplicationScoped
@Readiness
public class ConsumerHealth implements HealthCheck {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConsumerHealth.class);
    record Stalled(Instant since, String reason, long attempts) {
    }

    private final Map<String, Stalled> stalled = new ConcurrentHashMap<>();
    private final Clock clock;

    ConsumerHealth(Clock clock) {
        this.clock = clock;
    }

    void retrying(String consumer, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        Stalled now = stalled.compute(consumer, (name, current) -> current == null
                ? new Stalled(clock.instant(), reason, 1)
                : new Stalled(current.since(), reason, current.attempts() + 1));
        // The first failure and then every tenth: enough to follow an outage without flooding the log.
        if (now.attempts() % 10 == 1) {
            LOG.warnf("%s holds its batch back (attempt %d, %s): %s", consumer, now.attempts(),
                    Failures.classify(failure), reason);
        }
    }

    void recovered(String consumer) {
        stalled.remove(consumer);
    }

    public boolean isStalled(String consumer) {
        return stalled.containsKey(consumer);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").up()
                .withData("state", stalled.isEmpty() ? "consuming" : "degraded");
        stalled.forEach((consumer, s) -> response.withData(consumer,
                "retrying since " + s.since() + " (" + s.attempts() + " attempts): " + s.reason()));
        return response.build();
    }
}
