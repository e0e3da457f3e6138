package dev.itsm.directory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.UUID;

/** A service the organisation runs, with its owners and its support tiers. */
@Entity
@Table(name = "it_service")
public class ItService extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    @Column(name = "owner_id")
    public UUID ownerId;
    @Column(name = "business_owner_id")
    public UUID businessOwnerId;
    @Column(name = "tier1_group")
    public String tier1Group;
    @Column(name = "tier2_group")
    public String tier2Group;
    @Column(name = "tier3_group")
    public String tier3Group;
    @Version
    public long version;
}
