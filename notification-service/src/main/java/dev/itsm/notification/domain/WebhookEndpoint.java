package dev.itsm.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A webhook subscription: where a person's notifications are POSTed, signed with the endpoint's own secret. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {
    public static final String SOURCE_API = "API";
    /** Created from the person's webhookUrl in the directory. */
    public static final String SOURCE_DIRECTORY = "DIRECTORY";

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(columnDefinition = "text")
    public String url;
    public String description;
    /** Comma separated; empty = every event type. */
    @Column(name = "event_types")
    public String eventTypes;
    @Column(name = "service_code")
    public String serviceCode;
    public String source;
    @Column(columnDefinition = "text")
    public String secret;
    @Column(name = "previous_secret", columnDefinition = "text")
    public String previousSecret;
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "rotated_at")
    public Instant rotatedAt;

    public List<String> eventTypeList() {
        return eventTypes == null || eventTypes.isBlank() ? List.of() : Arrays.asList(eventTypes.split(","));
    }

    /** Whether a message of this event type about this service goes to this endpoint. */
    public boolean wants(String eventType, String service) {
        List<String> types = eventTypeList();
        return active && (types.isEmpty() || types.contains(eventType))
                && (serviceCode == null || serviceCode.equals(service));
    }
}
