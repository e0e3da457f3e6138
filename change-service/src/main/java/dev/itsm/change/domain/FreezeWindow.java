package dev.itsm.change.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "freeze_window")
public class FreezeWindow extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(columnDefinition = "text")
    public String reason;
    @Column(name = "service_code")
    public String serviceCode;
}
