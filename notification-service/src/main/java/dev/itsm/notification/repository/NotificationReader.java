package dev.itsm.notification.repository;

import dev.itsm.contracts.EventCodec;
import dev.itsm.notification.domain.InboxMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Loads one in-app notification for a live stream, outside any request or consumer session. */
@ApplicationScoped
public class NotificationReader {
    private final Pool pool;
    private final EventCodec codec;

    NotificationReader(Pool pool, EventCodec codec) {
        this.pool = pool;
        this.codec = codec;
    }

    public Uni<Optional<InboxMessage>> message(UUID id) {
        return pool.preparedQuery("""
                        select id, person_id, event_type, subject, record_kind, record_number, title, body, link, actions, created_at, read_at
                        from notification where id = $1 and channel = 'IN_APP'""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new InboxMessage(r.getUUID("id"), r.getString("person_id"), r.getString("event_type"),
                            r.getString("subject"), r.getString("record_kind"), r.getString("record_number"), r.getString("title"),
                            r.getString("body"), r.getString("link"), InboxMessage.actions(r.getString("actions"), codec.mapper()),
                            DeliveryRepository.instant(r.getOffsetDateTime("created_at")),
                            DeliveryRepository.instant(r.getOffsetDateTime("read_at"))));
                });
    }
}
