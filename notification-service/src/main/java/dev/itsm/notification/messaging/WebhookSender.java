package dev.itsm.notification.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itsm.contracts.EventCodec;
import dev.itsm.notification.config.NotificationConfig;
import dev.itsm.notification.domain.InboxMessage;
import dev.itsm.notification.domain.Outcome;
import dev.itsm.notification.domain.Retries;
import dev.itsm.notification.domain.WebhookSignature;
import dev.itsm.notification.repository.DeliveryRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * POSTs a notification to a webhook endpoint with the Vert.x web client (non-blocking), signed per Standard
 * Webhooks 1.0: {@code webhook-id} (the same for every attempt of one delivery, so receivers can drop repeats),
 * {@code webhook-timestamp} and {@code webhook-signature}, with the previous secret's signature beside the new
 * one while a rotation's grace period lasts.
 */
@ApplicationScoped
public class WebhookSender {
    private final WebClient client;
    private final NotificationConfig config;
    private final EventCodec codec;
    private final Clock clock;

    WebhookSender(Vertx vertx, NotificationConfig config, EventCodec codec, Clock clock) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent(config.webhook().userAgent())
                .setConnectTimeout((int) config.delivery().requestTimeout().toMillis())
                .setFollowRedirects(false)
                .setMaxPoolSize(config.delivery().concurrency()));
        this.config = config;
        this.codec = codec;
        this.clock = clock;
    }

    /** The client every webhook goes out with. */
    WebClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Outcome> send(DeliveryRepository.Claimed d) {
        if (d.secret() == null || !Boolean.TRUE.equals(d.endpointActive())) {
            return Uni.createFrom().item(Outcome.refused("the webhook endpoint was removed"));
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String messageId = "msg_" + d.id();
        String body = body(d, now);
        List<String> secrets = new ArrayList<>();
        secrets.add(d.secret());
        if (d.previousSecret() != null && d.previousSecretExpiresAt() != null && d.previousSecretExpiresAt().isAfter(now)) {
            secrets.add(d.previousSecret());
        }
        try {
            return client.requestAbs(HttpMethod.POST, d.target())
                    .timeout(config.delivery().requestTimeout().toMillis())
                    .putHeader("content-type", "application/json")
                    .putHeader("webhook-id", messageId)
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader("webhook-signature", WebhookSignature.header(secrets, messageId, timestamp, body))
                    .sendBuffer(Buffer.buffer(body))
                    .map(response -> Outcome.http(response.statusCode(), response.statusCode() + " " + response.statusMessage(),
                            Retries.retryAfter(response.getHeader("Retry-After"), clock.instant())))
                    .onFailure().recoverWithItem(e -> Outcome.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            return Uni.createFrom().item(Outcome.refused("not a usable URL: " + e.getMessage()));
        }
    }

    /** The payload shape Standard Webhooks recommends: type, timestamp, data. */
    String body(DeliveryRepository.Claimed d, Instant now) {
        ObjectNode root = codec.mapper().createObjectNode();
        root.put("type", d.eventType());
        root.put("timestamp", now.toString());
        ObjectNode data = root.putObject("data");
        data.put("notificationId", d.notificationId().toString());
        data.put("eventId", d.eventId().toString());
        data.put("personId", d.personId());
        data.put("recordKind", d.recordKind());
        data.put("recordId", d.subject());
        data.put("recordNumber", d.recordNumber());
        data.put("serviceCode", d.serviceCode());
        data.put("priority", d.priority());
        data.put("title", d.title());
        data.put("body", d.body());
        data.put("link", d.link());
        data.set("actions", codec.mapper().valueToTree(InboxMessage.actions(d.actions(), codec.mapper())));
        return root.toString();
    }
}
