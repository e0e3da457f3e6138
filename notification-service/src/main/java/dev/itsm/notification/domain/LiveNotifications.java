package dev.itsm.notification.domain;

import dev.itsm.contracts.EventCodec;
import dev.itsm.kit.config.DbConnectOptions;
import dev.itsm.kit.config.KitConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Every replica LISTENs on the notification channel and hands each committed in-app notification to the
 * live streams of the person it is for, whichever replica stored it.
 */
@ApplicationScoped
public class LiveNotifications {
    private static final Logger LOG = Logger.getLogger(LiveNotifications.class);

    private final BroadcastProcessor<NotificationService.Message> messages = BroadcastProcessor.create();
    private final Vertx vertx;
    private final KitConfig config;
    private final EventCodec codec;
    private PgSubscriber subscriber;

    LiveNotifications(Vertx vertx, KitConfig config, EventCodec codec) {
        this.vertx = vertx;
        this.config = config;
        this.codec = codec;
    }

    void onStart(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, DbConnectOptions.of(config.db()));
        // Reconnect for ever, a second apart: a stream is worth keeping through a database restart.
        subscriber.reconnectPolicy(retries -> 1000L);
        subscriber.channel(NotificationService.NOTIFY_CHANNEL).handler(payload -> {
            try {
                messages.onNext(codec.mapper().readValue(payload, NotificationService.Message.class));
            } catch (Exception e) {
                LOG.warnf("unreadable notification announcement: %s", e.getMessage());
            }
        });
        subscriber.connect().subscribe().with(ignored -> LOG.info("listening for notifications"),
                failure -> LOG.errorf("cannot listen for notifications: %s", failure.getMessage()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    public Multi<NotificationService.Message> forPerson(String personId) {
        return messages.filter(message -> personId.equals(message.personId()));
    }
}
