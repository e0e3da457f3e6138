package dev.itsm.kit.repository;

import dev.itsm.kit.config.DbConnectOptions;
import dev.itsm.kit.config.KitConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * One LISTEN connection per replica for PostgreSQL notifications (delivered only when the notifying
 * transaction commits). It reconnects for ever, a second apart, so that it survives a database restart;
 * listeners should also look now and then on their own, because notifications sent while it reconnects are lost.
 */
@ApplicationScoped
public class PgNotifications {
    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    private final PgSubscriber subscriber;
    private volatile boolean connecting;

    PgNotifications(Vertx vertx, KitConfig config) {
        subscriber = PgSubscriber.subscriber(vertx, DbConnectOptions.of(config.db()));
        subscriber.reconnectPolicy(retries -> 1000L);
    }

    /** Calls the handler with each payload sent on the channel from now on. */
    public synchronized void listen(String channel, Consumer<String> handler) {
        subscriber.channel(channel).handler(handler);
        if (!connecting) {
            connecting = true;
            // The reconnect policy covers a lost connection; the first connection is retried here.
            subscriber.connect()
                    .onFailure().invoke(failure -> LOG.warnf("cannot listen for database notifications yet (will retry): %s",
                            failure.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(5)).indefinitely()
                    .subscribe().with(ignored -> LOG.debugf("listening for database notifications"), failure -> { });
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (connecting) {
            subscriber.close().subscribe().with(ignored -> { }, failure -> { });
        }
    }
}
