package dev.itsm.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalTime;

/** A person's stored settings; {@link Preferences} is what they mean. */
@Entity
@Table(name = "notification_preference")
public class NotificationPreference extends PanacheEntityBase {
    @Id
    @Column(name = "person_id")
    public String personId;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "quiet_from")
    public LocalTime quietFrom;
    @Column(name = "quiet_to")
    public LocalTime quietTo;
    /** JSON: priority (or "default") to channel names. */
    public String channels;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
