package dev.itsm.directory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A role of the catalog; lists are JSON text. */
@Entity
@Table(name = "role")
public class RoleEntry extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    public String kind;
    @Column(columnDefinition = "text")
    public String responsibilities;
    @Column(columnDefinition = "text")
    public String aliases;
    @Column(columnDefinition = "text")
    public String sources;
}
