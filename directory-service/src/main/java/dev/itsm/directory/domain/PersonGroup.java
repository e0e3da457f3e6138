package dev.itsm.directory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A group of people holding one role: Service Desk, a tier of a service, the CAB, the Problem Resolution Team. */
@Entity
@Table(name = "person_group")
public class PersonGroup extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    public String role;
    public Integer tier;
    @Column(name = "service_code")
    public String serviceCode;
    @Version
    public long version;
}
