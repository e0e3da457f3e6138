package dev.itsm.directory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "on_call_shift")
public class OnCallShift extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "group_code")
    public String groupCode;
    @Column(name = "person_id")
    public UUID personId;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
}
