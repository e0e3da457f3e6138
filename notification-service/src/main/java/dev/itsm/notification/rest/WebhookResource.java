package dev.itsm.notification.rest;

import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.Created;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.notification.config.NotificationConfig;
import dev.itsm.notification.domain.NotificationAccess;
import dev.itsm.notification.domain.RoutingRules;
import dev.itsm.notification.domain.WebhookEndpoint;
import dev.itsm.notification.domain.WebhookSignature;
import dev.itsm.notification.repository.DeliveryRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Webhook subscriptions, as PagerDuty and Jira users know them: an endpoint of one's own, optionally filtered by
 * event type and service, with a signing secret shown once (on creation and on rotation). A person's webhookUrl
 * from the directory appears here too; rotate its secret to learn it.
 */
@Path("/api/webhooks")
@Authenticated
@Tag(name = "Webhook subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    private final CurrentActor actor;
    private final NotificationConfig config;
    private final Clock clock;

    WebhookResource(CurrentActor actor, NotificationConfig config, Clock clock) {
        this.actor = actor;
        this.config = config;
        this.clock = clock;
    }

    public record NewSubscription(@NotBlank @Size(max = 2000) String url, @Size(max = 200) String description,
                                  List<String> eventTypes, String serviceCode) {
    }

    /** A subscription as listed: never with its secret. */
    public record Subscription(UUID id, String ownerId, String url, String description, List<String> eventTypes, String serviceCode,
                               String source, boolean active, Instant createdAt, Instant rotatedAt, Instant previousSecretExpiresAt) {
        static Subscription of(WebhookEndpoint e) {
            return new Subscription(e.id, e.ownerId, e.url, e.description, e.eventTypeList(), e.serviceCode, e.source, e.active,
                    e.createdAt, e.rotatedAt, e.previousSecretExpiresAt);
        }
    }

    /** The one answer that carries the secret. */
    public record WithSecret(Subscription subscription, String secret) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Subscribe an endpoint to your notifications; the answer holds its signing secret, shown only this once")
    public Uni<Response> create(@Valid @NotNull NewSubscription body, @Context UriInfo uri) {
        Actor caller = actor.get();
        requirePerson(caller);
        URI url = checkedUrl(body.url());
        List<String> types = checkedTypes(body.eventTypes());
        return WebhookEndpoint.count("ownerId = ?1 and url = ?2", caller.id(), url.toString()).chain(taken -> {
            if (taken > 0) {
                throw ApiProblem.conflict("you already have a subscription for " + url, java.util.Map.of("url", url.toString()));
            }
            WebhookEndpoint endpoint = new WebhookEndpoint();
            endpoint.id = UUID.randomUUID();
            endpoint.ownerId = caller.id();
            endpoint.url = url.toString();
            endpoint.description = body.description();
            endpoint.eventTypes = String.join(",", types);
            endpoint.serviceCode = body.serviceCode() == null || body.serviceCode().isBlank() ? null : body.serviceCode();
            endpoint.source = WebhookEndpoint.SOURCE_API;
            endpoint.secret = WebhookSignature.newSecret();
            endpoint.active = true;
            endpoint.createdAt = clock.instant();
            return endpoint.<WebhookEndpoint>persist()
                    .map(saved -> Created.at(uri, saved.id.toString(), new WithSecret(Subscription.of(saved), saved.secret)));
        });
    }

    @GET
    @WithSession
    @Operation(summary = "Your subscriptions; IT operations and administrators may ask for anyone's (ownerId) or all (all=true)")
    public Uni<List<Subscription>> list(@QueryParam("ownerId") String ownerId, @QueryParam("all") boolean all) {
        Actor caller = actor.get();
        if (all || ownerId != null && !caller.is(ownerId)) {
            NotificationAccess.POLICY.require(caller, NotificationAccess.MANAGE_ANY_WEBHOOK);
        }
        Uni<List<WebhookEndpoint>> found = all && ownerId == null
                ? WebhookEndpoint.listAll(Sort.by("createdAt"))
                : WebhookEndpoint.list("ownerId", Sort.by("createdAt"), ownerId != null ? ownerId : caller.id());
        return found.map(list -> list.stream().map(Subscription::of).toList());
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "One subscription (without its secret)")
    public Uni<Subscription> get(@PathParam("id") UUID id) {
        return owned(id).map(Subscription::of);
    }

    @POST
    @Path("{id}/rotate-secret")
    @WithTransaction
    @Operation(summary = "A new signing secret, shown only this once; the old one keeps signing beside it for the grace period")
    public Uni<WithSecret> rotate(@PathParam("id") UUID id) {
        return owned(id).map(endpoint -> {
            Instant now = clock.instant();
            endpoint.previousSecret = endpoint.secret;
            endpoint.previousSecretExpiresAt = now.plus(config.webhook().rotationGrace());
            endpoint.secret = WebhookSignature.newSecret();
            endpoint.rotatedAt = now;
            return new WithSecret(Subscription.of(endpoint), endpoint.secret);
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    @Operation(summary = "Stop a subscription; its delivery history stays")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return owned(id).map(endpoint -> {
            endpoint.active = false;
            return Response.noContent().build();
        });
    }

    private Uni<WebhookEndpoint> owned(UUID id) {
        Actor caller = actor.get();
        return WebhookEndpoint.<WebhookEndpoint>findById(id).map(endpoint -> {
            if (endpoint == null || !caller.is(endpoint.ownerId) && !NotificationAccess.POLICY.permits(caller, NotificationAccess.MANAGE_ANY_WEBHOOK)) {
                // Someone else's subscription is as good as absent.
                throw ApiProblem.notFound("webhook subscription", id);
            }
            return endpoint;
        });
    }

    private static void requirePerson(Actor caller) {
        if (caller.id() == null) {
            throw ApiProblem.forbidden("a subscription belongs to a signed-in person", java.util.Map.of());
        }
    }

    static URI checkedUrl(String text) {
        try {
            URI url = new URI(text.strip());
            if (!url.isAbsolute() || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw ApiProblem.unprocessable("the url must be an absolute http or https address, not '" + text + "'");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw ApiProblem.unprocessable("the url is not valid: " + e.getMessage());
        }
    }

    static List<String> checkedTypes(List<String> types) {
        List<String> checked = new ArrayList<>();
        for (String type : types == null ? List.<String>of() : types) {
            if (type == null || !(RoutingRules.payloadOf(type).isPresent() || DeliveryRepository.DIGEST_EVENT_TYPE.equals(type))) {
                throw ApiProblem.unprocessable("unknown event type '" + type + "'; see GET /api/notifications/routes");
            }
            if (!checked.contains(type)) {
                checked.add(type);
            }
        }
        return checked;
    }
}
