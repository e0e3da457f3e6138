package dev.itsm.notification.repository;

import dev.itsm.kit.config.KitConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * One LISTEN connection per replica for PostgreSQL NOTIFY: a committed transaction tells every replica that
 * something is there (an in-app notification to stream, deliveries to send). Reconnects for ever.
 */
@ApplicationScoped
public class DatabaseSignals {
    private static final Logger LOG = Logger.getLogger(DatabaseSignals.class);

    private final Vertx vertx;
    private final KitConfig config;
    private PgSubscriber subscriber;

    DatabaseSignals(Vertx vertx, KitConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public synchronized void listen(String channel, Consumer<String> handler) {
        if (subscriber == null) {
            subscriber = PgSubscriber.subscriber(vertx, new PgConnectOptions()
                    .setHost(config.db().host()).setPort(config.db().port()).setDatabase(config.db().name())
                    .setUser(config.db().user()).setPassword(config.db().password()));
            // A second apart: a stream or a sender is worth keeping through a database restart.
            subscriber.reconnectPolicy(retries -> 1000L);
            subscriber.connect().subscribe().with(ignored -> LOG.info("listening for notifications and deliveries"),
                    failure -> LOG.errorf("cannot listen on the database: %s", failure.getMessage()));
        }
        subscriber.channel(channel).handler(handler);
    }

    void onStop(@Observes ShutdownEvent event) {
        PgSubscriber current;
        synchronized (this) {
            current = subscriber;
            subscriber = null;
        }
        if (current != null) {
            current.closeAndAwait();
        }
    }
}
