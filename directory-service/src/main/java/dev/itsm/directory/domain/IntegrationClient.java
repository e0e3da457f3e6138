package dev.itsm.directory.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "integration_client")
public class IntegrationClient extends PanacheEntityBase {
    @Id
    @Column(name = "client_id")
    public String clientId;
    @Column(name = "secret_hash", columnDefinition = "text")
    public String secretHash;
    /** Comma-separated scopes (role codes of kind SYSTEM). */
    @Column(columnDefinition = "text")
    public String scopes;
    public boolean active = true;

    public java.util.List<String> scopeList() {
        return java.util.Arrays.stream(scopes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
