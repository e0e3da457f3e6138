package dev.itsm.change.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A pre-approved standard change: the only way a change becomes STANDARD. */
@Entity
@Table(name = "change_template")
public class ChangeTemplate extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(columnDefinition = "text")
    public String description;
    /** Null: the template applies to every service. */
    @Column(name = "service_code")
    public String serviceCode;
    public String risk;
    @Column(name = "implementation_plan", columnDefinition = "text")
    public String implementationPlan;
    @Column(name = "backout_plan", columnDefinition = "text")
    public String backoutPlan;
    public boolean active;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public boolean appliesTo(String service) {
        return serviceCode == null || serviceCode.equals(service);
    }
}
