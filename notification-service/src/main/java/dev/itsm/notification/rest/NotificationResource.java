package dev.itsm.notification.rest;

import dev.itsm.contracts.EventCodec;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.notification.domain.InboxMessage;
import dev.itsm.notification.domain.LiveNotifications;
import dev.itsm.notification.domain.NotificationAccess;
import dev.itsm.notification.domain.NotificationService;
import dev.itsm.notification.domain.RoutingRules;
import dev.itsm.notification.repository.DeliveryRepository;
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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@Path("/api")
@Authenticated
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    private static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "FAILED", "SUPPRESSED");
    private static final Set<String> CHANNELS = Set.of("EMAIL", "WEBHOOK");

    private final NotificationService notifications;
    private final NotificationRepository repository;
    private final DeliveryRepository deliveries;
    private final LiveNotifications live;
    private final CurrentActor actor;
    private final EventCodec codec;

    NotificationResource(NotificationService notifications, NotificationRepository repository, DeliveryRepository deliveries,
                         LiveNotifications live, CurrentActor actor, EventCodec codec) {
        this.notifications = notifications;
        this.repository = repository;
        this.deliveries = deliveries;
        this.live = live;
        this.actor = actor;
        this.codec = codec;
    }

    public record Resent(UUID deliveryId, String status) {
    }

    @GET
    @Path("notifications")
    @WithSession
    @Operation(summary = "The caller's in-app inbox, newest first")
    public Uni<Page<InboxMessage>> inbox(@QueryParam("unread") boolean unread, @Valid @BeanParam PageRequest paging) {
        ownInbox();
        return repository.inbox(actor.get().id(), unread, paging).map(page -> page.map(n -> InboxMessage.of(n, codec.mapper())));
    }

    @POST
    @Path("notifications/{id}/read")
    @WithTransaction
    @Operation(summary = "Mark one of the caller's notifications read")
    public Uni<InboxMessage> read(@PathParam("id") UUID id) {
        ownInbox();
        return notifications.markRead(id, actor.get().id()).map(n -> InboxMessage.of(n, codec.mapper()));
    }

    @GET
    @Path("notifications/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's new in-app notifications as they arrive (Server-Sent Events)")
    public Multi<InboxMessage> stream() {
        ownInbox();
        return live.forPerson(actor.get().id());
    }

    @GET
    @Path("notifications/routes")
    @Operation(summary = "Who is told about what")
    public List<RoutingRules.RouteDescription> routes() {
        NotificationAccess.POLICY.require(actor.get(), NotificationAccess.READ_ROUTES, RecordScope.NONE);
        return RoutingRules.table();
    }

    @GET
    @Path("deliveries")
    @Operation(summary = "Delivery log of e-mail and webhook notifications: attempts, last answer, latency, final state with the "
            + "reason (Service Desk Manager, Incident Manager, IT Operations Manager, directory administrators)")
    public Uni<Page<DeliveryRepository.LogEntry>> deliveries(@QueryParam("personId") String personId,
                                                            @QueryParam("eventId") UUID eventId,
                                                            @QueryParam("status") String status,
                                                            @QueryParam("channel") String channel,
                                                            @Valid @BeanParam PageRequest paging) {
        NotificationAccess.POLICY.require(actor.get(), NotificationAccess.READ_DELIVERY_LOG, RecordScope.NONE);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiProblem.badRequest("status is one of " + STATUSES);
        }
        if (channel != null && !CHANNELS.contains(channel)) {
            throw ApiProblem.badRequest("channel is one of " + CHANNELS);
        }
        return deliveries.log(new DeliveryRepository.LogFilter(personId, eventId, status, channel), paging);
    }

    @POST
    @Path("deliveries/{id}/resend")
    @Operation(summary = "Send a dead-lettered (FAILED) delivery again, with fresh attempts (IT Operations Manager, directory administrators)")
    public Uni<Resent> resend(@PathParam("id") UUID id) {
        NotificationAccess.POLICY.require(actor.get(), NotificationAccess.RESEND_DELIVERY, RecordScope.NONE);
        return deliveries.resend(id).map(status -> {
            if (status.isEmpty()) {
                throw ApiProblem.notFound("delivery", id);
            }
            if (!DeliveryRepository.REQUEUED.equals(status.get())) {
                throw ApiProblem.conflict("only a dead-lettered (FAILED) delivery is sent again; this one is " + status.get(),
                        Map.of("currentStatus", status.get()));
            }
            return new Resent(id, "PENDING");
        });
    }

    /** A person's own inbox: the record is the caller's by construction, the check is on the role. */
    private void ownInbox() {
        NotificationAccess.POLICY.require(actor.get(), NotificationAccess.READ_INBOX, RecordScope.ownedBy(actor.get().id()));
    }
}
