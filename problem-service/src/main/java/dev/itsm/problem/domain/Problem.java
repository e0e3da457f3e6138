package dev.itsm.problem.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "problem")
public class Problem extends PanacheEntityBase {
    private static final ObjectMapper JSON = EventCodec.defaultMapper();

    @Id
    public UUID id;
    public String number;
    public String title;
    @Column(columnDefinition = "text")
    public String description;
    @Column(name = "service_code")
    public String serviceCode;
    public String signature;
    @Enumerated(EnumType.STRING)
    public ProblemStatus status;
    @Enumerated(EnumType.STRING)
    public ProblemOrigin origin;
    @Column(columnDefinition = "text")
    public String explanation;
    @Column(name = "root_cause", columnDefinition = "text")
    public String rootCause;
    @Column(columnDefinition = "text")
    public String fix;
    @Column(name = "raised_by")
    public String raisedBy;
    /** The Problem Owner assigned by the Problem Manager; null until assigned. */
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "raised_at")
    public Instant raisedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "close_reason", columnDefinition = "text")
    public String closeReason;
    @Column(name = "change_id")
    public UUID changeId;
    @Version
    public long version;

    /** What an access check needs to know of this problem. */
    public dev.itsm.kit.security.RecordScope scope() {
        return new dev.itsm.kit.security.RecordScope(serviceCode, null, null, ownerId, raisedBy);
    }

    public ClusterExplanation clusterExplanation() {
        return explanation == null ? null : read(explanation, new TypeReference<ClusterExplanation>() { });
    }

    public void clusterExplanation(ClusterExplanation value) {
        explanation = value == null ? null : write(value);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
