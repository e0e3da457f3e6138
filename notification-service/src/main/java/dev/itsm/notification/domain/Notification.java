package dev.itsm.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One message to one person on one channel; IN_APP rows are the inbox, the others the delivery log. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "person_id")
    public String personId;
    public String channel;
    public String subject;
    public String title;
    @Column(columnDefinition = "text")
    public String body;
    @Column(name = "delivery_status")
    public String deliveryStatus;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "read_at")
    public Instant readAt;
    @Column(name = "record_kind")
    public String recordKind;
    @Column(name = "record_number")
    public String recordNumber;
    @Column(name = "service_code")
    public String serviceCode;
    public String priority;
    @Column(columnDefinition = "text")
    public String link;
    /** The follow-up actions as JSON (label, method, url). */
    @Column(columnDefinition = "text")
    public String actions;
    @Column(columnDefinition = "text")
    public String reason;
}
