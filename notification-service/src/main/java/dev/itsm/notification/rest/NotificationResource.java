package dev.itsm.notification.rest;

import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.notification.domain.LiveNotifications;
import dev.itsm.notification.domain.Notification;
import dev.itsm.notification.domain.NotificationAccess;
import dev.itsm.notification.domain.NotificationService;
import dev.itsm.notification.domain.RoutingRules;
import dev.itsm.notification.repository.NotificationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api")
@Authenticated
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private final NotificationService notifications;
    private final NotificationRepository repository;
    private final LiveNotifications live;
    private final CurrentActor actor;

    NotificationResource(NotificationService notifications, NotificationRepository repository, LiveNotifications live,
                         CurrentActor actor) {
        this.notifications = notifications;
        this.repository = repository;
        this.live = live;
        this.actor = actor;
    }

    public record Delivery(UUID id, String personId, String channel, String eventType, String subject, String title,
                           String deliveryStatus, Instant createdAt) {
    }

    @GET
    @Path("notifications")
    @WithSession
    @Operation(summary = "The caller's in-app inbox, newest first")
    public Uni<Page<NotificationService.Message>> inbox(@QueryParam("unread") boolean unread, @Valid @BeanParam PageRequest paging) {
        ownInbox();
        return repository.inbox(actor.get().id(), unread, paging).map(page -> page.map(NotificationService.Message::of));
    }

    @POST
    @Path("notifications/{id}/read")
    @WithTransaction
    @Operation(summary = "Mark one of the caller's notifications read")
    public Uni<NotificationService.Message> read(@PathParam("id") UUID id) {
        ownInbox();
        return notifications.markRead(id, actor.get().id()).map(NotificationService.Message::of);
    }

    @GET
    @Path("notifications/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's new in-app notifications as they arrive (Server-Sent Events)")
    public Multi<NotificationService.Message> stream() {
        ownInbox();
        return live.forPerson(actor.get().id());
    }

    @GET
    @Path("notifications/routes")
    @Operation(summary = "Who is told about what")
    public List<RoutingRules.RouteDescription> routes() {
        NotificationAccess.POLICY.require(actor.get(), NotificationAccess.READ_ROUTES, RecordScope.NONE);
        return RoutingRules.TABLE;
    }

    @GET
    @Path("deliveries")
    @WithSession
    @Operation(summary = "Delivery log of e-mail and webhook notifications (Service Desk Manager, Incident Manager)")
    public Uni<Page<Delivery>> deliveries(@QueryParam("personId") String personId, @QueryParam("status") String status,
                                          @QueryParam("channel") String channel, @Valid @BeanParam PageRequest paging) {
        NotificationAccess.POLICY.require(actor.get(), NotificationAccess.READ_DELIVERY_LOG, RecordScope.NONE);
        return repository.deliveries(personId, status, channel, paging).map(page -> page.map(NotificationResource::delivery));
    }

    /** A person's own inbox: the record is the caller's by construction, the check is on the role. */
    private void ownInbox() {
        NotificationAccess.POLICY.require(actor.get(), NotificationAccess.READ_INBOX, RecordScope.ownedBy(actor.get().id()));
    }

    private static Delivery delivery(Notification n) {
        return new Delivery(n.id, n.personId, n.channel, n.eventType, n.subject, n.title, n.deliveryStatus, n.createdAt);
    }
}
