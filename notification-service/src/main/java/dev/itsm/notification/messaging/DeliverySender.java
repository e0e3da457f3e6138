package dev.itsm.notification.messaging;

import dev.itsm.notification.config.NotificationConfig;
import dev.itsm.notification.domain.Outcome;
import dev.itsm.notification.domain.Retries;
import dev.itsm.kit.repository.PgNotifications;
import dev.itsm.notification.repository.DeliveryRepository;
import dev.itsm.notification.repository.NotificationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sender loop of one replica, off every consumer transaction. It claims due deliveries (SKIP LOCKED, with a
 * lease), sends each without blocking (Quarkus Mailer, Vert.x web client) and records the outcome: delivered,
 * due again after a capped, jittered backoff (or the receiver's Retry-After), or dead-lettered as FAILED after
 * the last attempt. New work wakes it through NOTIFY; retries and digests come due on its poll.
 */
@ApplicationScoped
public class DeliverySender {
    private static final Logger LOG = Logger.getLogger(DeliverySender.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final DeliveryRepository deliveries;
    private final MailSender mail;
    private final WebhookSender webhooks;
    private final DigestWriter digests;
    private final PgNotifications signals;
    private final NotificationConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private Thread loop;

    DeliverySender(DeliveryRepository deliveries, MailSender mail, WebhookSender webhooks, DigestWriter digests,
                   PgNotifications signals, NotificationConfig config, Clock clock, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.mail = mail;
        this.webhooks = webhooks;
        this.digests = digests;
        this.signals = signals;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        signals.listen(NotificationStore.DELIVERY_CHANNEL, ignored -> wake.release());
        running = true;
        loop = new Thread(this::run, "delivery-sender");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wake.release();
        if (loop != null) {
            try {
                loop.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long pollMillis = config.delivery().pollInterval().toMillis();
        long nextDigests = 0;
        while (running) {
            boolean more = false;
            try {
                int free = config.delivery().concurrency() - inFlight.get();
                if (free > 0) {
                    List<DeliveryRepository.Claimed> claimed = deliveries.claim(free, config.delivery().lease())
                            .await().atMost(DB_TIMEOUT);
                    claimed.forEach(this::dispatch);
                    more = claimed.size() == free;
                }
                if (System.currentTimeMillis() >= nextDigests) {
                    nextDigests = System.currentTimeMillis() + pollMillis;
                    if (digests.writeDue().await().atMost(DB_TIMEOUT) > 0) {
                        more = true;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("deliveries not claimed, will retry: %s", e.getMessage());
            }
            if (!more) {
                try {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void dispatch(DeliveryRepository.Claimed delivery) {
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        Uni<Outcome> attempt = "EMAIL".equals(delivery.channel()) ? mail.send(delivery) : webhooks.send(delivery);
        attempt.onFailure().recoverWithItem(e -> Outcome.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage()))
                .chain(outcome -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    Outcome.Next next = outcome.next(retryPolicy(), delivery.attempts(), clock.instant(), ThreadLocalRandom.current().nextDouble());
                    registry.counter("itsm.notification.delivery.attempts", "channel", delivery.channel(), "result", next.status()).increment();
                    if ("FAILED".equals(next.status())) {
                        LOG.warnf("%s delivery %s to %s dead-lettered after %d attempts: %s", delivery.channel(), delivery.id(),
                                delivery.target(), delivery.attempts(), outcome.reply());
                    }
                    return deliveries.record(delivery, outcome, next, latency);
                })
                .subscribe().with(ignored -> finished(), failure -> {
                    LOG.warnf("outcome of delivery %s not recorded; it comes due again after its lease: %s", delivery.id(),
                            failure.getMessage());
                    finished();
                });
    }

    private void finished() {
        inFlight.decrementAndGet();
        wake.release();
    }

    private Retries.Policy retryPolicy() {
        return new Retries.Policy(config.delivery().maxAttempts(), config.delivery().firstBackoff(), config.delivery().maxBackoff(),
                config.delivery().maxRetryAfter());
    }

    /** Throttle windows that ended a day ago are no longer needed. */
    @Scheduled(every = "10m", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purgeWindows() {
        return deliveries.purgeEndedWindows(Duration.ofDays(1));
    }
}
