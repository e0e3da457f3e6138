package dev.itsm.notification.domain;

import dev.itsm.contracts.EventCodec;
import dev.itsm.kit.repository.PgNotifications;
import dev.itsm.notification.repository.NotificationReader;
import dev.itsm.notification.repository.NotificationStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every replica LISTENs for announced in-app notifications (ids only) and, when someone has a live stream open
 * here, loads the row once and hands it to that person's streams. On shutdown every stream ends cleanly, so a
 * rolling update closes them and the browsers reconnect to another replica.
 */
@ApplicationScoped
public class LiveNotifications {
    private static final Logger LOG = Logger.getLogger(LiveNotifications.class);

    record Announcement(UUID id, String personId) {
    }

    private final BroadcastProcessor<InboxMessage> messages = BroadcastProcessor.create();
    private final Map<String, AtomicInteger> listeners = new ConcurrentHashMap<>();
    private final PgNotifications signals;
    private final NotificationReader reader;
    private final EventCodec codec;
    private volatile boolean ended;

    LiveNotifications(PgNotifications signals, NotificationReader reader, EventCodec codec) {
        this.signals = signals;
        this.reader = reader;
        this.codec = codec;
    }

    void onStart(@Observes StartupEvent event) {
        signals.listen(NotificationStore.NOTIFY_CHANNEL, this::announced);
    }

    private void announced(String payload) {
        Announcement announcement;
        try {
            announcement = codec.mapper().readValue(payload, Announcement.class);
        } catch (Exception e) {
            LOG.warnf("unreadable notification announcement: %s", e.getMessage());
            return;
        }
        AtomicInteger open = listeners.get(announcement.personId());
        if (open == null || open.get() == 0) {
            return;
        }
        reader.message(announcement.id()).subscribe().with(found -> found.ifPresent(this::emit),
                failure -> LOG.warnf("notification %s not loaded for its live stream: %s", announcement.id(), failure.getMessage()));
    }

    private synchronized void emit(InboxMessage message) {
        if (!ended) {
            messages.onNext(message);
        }
    }

    public Multi<InboxMessage> forPerson(String personId) {
        if (ended) {
            return Multi.createFrom().empty();
        }
        return messages.filter(message -> personId.equals(message.personId()))
                .onSubscription().invoke(() -> listeners.computeIfAbsent(personId, k -> new AtomicInteger()).incrementAndGet())
                .onTermination().invoke(() -> listeners.computeIfPresent(personId, (k, count) -> count.decrementAndGet() <= 0 ? null : count));
    }

    /** Ends every open stream; new ones end at once. */
    public synchronized void endStreams() {
        if (!ended) {
            ended = true;
            messages.onComplete();
        }
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        endStreams();
    }

    public int openStreams() {
        return listeners.values().stream().mapToInt(AtomicInteger::get).sum();
    }

}
