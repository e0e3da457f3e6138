package dev.itsm.incident.domain;

import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.audit.AuditReaders;
import dev.itsm.kit.audit.AuditTrail;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Incidents in the audit trail, and who may read their chains. Whatever path writes incidents (a person's step, a
 * batch of alerts, SLA timers, problem links) records its entries with {@link #recordAll}: one statement for the lot.
 * Alert counters and clocks are not audited; what a person would call a change of the incident is.
 */
@ApplicationScoped
public class IncidentAudit implements AuditReaders {
    public static final String INCIDENT = "incident";

    private final AuditTrail trail;

    IncidentAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** Many entries in one statement per round, on the caller's transaction of the reactive client. */
    public Uni<Void> recordAll(SqlConnection tx, List<AuditEntry> entries) {
        return trail.recordAll(tx, entries);
    }

    /** What an opened incident records: the fields it was opened with. */
    public static Map<String, Object> opened(IncidentSnapshot i) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("number", i.number());
        fields.put("title", i.title());
        fields.put("serviceCode", i.serviceCode());
        fields.put("priority", i.priority());
        fields.put("status", i.status());
        fields.put("origin", i.origin() != null ? i.origin() : IncidentOrigin.MANUAL);
        fields.put("category", i.category());
        fields.put("assignmentGroup", i.assignmentGroup());
        fields.put("reporterId", i.reporterId());
        fields.put("alertFingerprint", i.fingerprint());
        return fields;
    }

    /** The audited fields that differ between two states of an incident, each as {from, to}; empty when none do. */
    public static Map<String, Object> changes(IncidentSnapshot before, IncidentSnapshot after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        FIELDS.forEach((name, field) -> {
            Object from = field.apply(before);
            Object to = field.apply(after);
            if (!Objects.equals(from, to)) {
                changes.put(name, AuditEntry.change(from == null ? null : from.toString(), to == null ? null : to.toString()));
            }
        });
        return changes;
    }

    private static final Map<String, Function<IncidentSnapshot, Object>> FIELDS = fields();

    private static Map<String, Function<IncidentSnapshot, Object>> fields() {
        Map<String, Function<IncidentSnapshot, Object>> fields = new LinkedHashMap<>();
        fields.put("status", IncidentSnapshot::status);
        fields.put("title", IncidentSnapshot::title);
        fields.put("description", IncidentSnapshot::description);
        fields.put("category", IncidentSnapshot::category);
        fields.put("impact", IncidentSnapshot::impact);
        fields.put("urgency", IncidentSnapshot::urgency);
        fields.put("priority", IncidentSnapshot::priority);
        fields.put("assignmentGroup", IncidentSnapshot::assignmentGroup);
        fields.put("assigneeId", IncidentSnapshot::assigneeId);
        fields.put("escalationTier", IncidentSnapshot::escalationTier);
        fields.put("holdReason", IncidentSnapshot::holdReason);
        fields.put("resolution", IncidentSnapshot::resolution);
        fields.put("major", IncidentSnapshot::major);
        fields.put("problemId", IncidentSnapshot::problemId);
        return fields;
    }

    @Override
    public Set<String> recordTypes() {
        return Set.of(INCIDENT);
    }

    @Override
    public void requireRead(Actor actor, String recordType) {
        IncidentAccess.POLICY.require(actor, IncidentAccess.READ_AUDIT, RecordScope.NONE);
    }
}
