package dev.itsm.problem.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A diagnosed problem's symptom and workaround, published so the Service Desk can apply it. */
@Entity
@Table(name = "known_error")
public class KnownError extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "problem_id")
    public UUID problemId;
    @Column(name = "service_code")
    public String serviceCode;
    public String signature;
    @Column(columnDefinition = "text")
    public String symptom;
    @Column(columnDefinition = "text")
    public String workaround;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Version
    public long version;
}
