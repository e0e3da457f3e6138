package dev.itsm.notification.repository;

import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.notification.domain.Notification;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("id");

    /** A person's in-app inbox, newest first. */
    public Uni<Page<Notification>> inbox(String personId, boolean unreadOnly, PageRequest paging) {
        var query = find("personId = ?1 and channel = 'IN_APP'" + (unreadOnly ? " and readAt is null" : ""), NEWEST_FIRST, personId);
        query.page(paging.toPanache());
        return query.list().chain(items -> query.count().map(total -> new Page<>(items, paging.page, paging.size, total)));
    }
}
