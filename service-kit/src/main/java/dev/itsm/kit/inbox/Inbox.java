package dev.itsm.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Remembers which events a consumer has processed, in the same transaction as the effect. */
@ApplicationScoped
public class Inbox {

    /**
     * True the first time (consumer, event) is seen in a committed transaction; false for a redelivery.
     * Must run inside the transaction that applies the effect.
     */
    public Uni<Boolean> firstDelivery(String consumer, String eventKey) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into inbox (consumer, event_key) values (:consumer, :eventKey)
                        on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("eventKey", eventKey)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
