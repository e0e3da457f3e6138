package dev.itsm.problem.domain;

import dev.itsm.contracts.incident.IncidentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An incident as incident events describe it: enough to cluster. */
@Entity
@Table(name = "incident_observation")
public class IncidentObservation extends PanacheEntityBase {
    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    public String number;
    @Column(name = "service_code")
    public String serviceCode;
    public String signature;
    public String priority;
    @Enumerated(EnumType.STRING)
    public IncidentStatus status;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "problem_id")
    public UUID problemId;
    /** When the incident was tied to its problem. */
    @Column(name = "linked_at")
    public Instant linkedAt;

    public ClusteringRule.Candidate candidate() {
        return new ClusteringRule.Candidate(incidentId, serviceCode, signature, openedAt);
    }
}
