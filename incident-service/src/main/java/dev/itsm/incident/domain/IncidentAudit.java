package dev.itsm.incident.domain;

import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.audit.AuditReaders;
import dev.itsm.kit.audit.AuditTrail;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incidents in the audit trail, and who may read their chains. Many incidents opened or resolved at once (a batch of
 * alerts) go in with {@link #recordAll}, one statement for the lot.
 */
@ApplicationScoped
public class IncidentAudit implements AuditReaders {
    public static final String INCIDENT = "incident";

    private final AuditTrail trail;

    IncidentAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public Uni<Void> record(Incident incident, String actorId, String step, Map<String, Object> changes, Instant at) {
        return trail.record(new AuditEntry(INCIDENT, incident.id.toString(), actorId, step, changes, at));
    }

    /** Many entries in one statement per round, on a batch's own transaction of the reactive client. */
    public Uni<Void> recordAll(SqlConnection tx, List<AuditEntry> entries) {
        return trail.recordAll(tx, entries);
    }

    /** What an opened incident records: the fields it was opened with. */
    public static Map<String, Object> opened(IncidentSnapshot i, dev.itsm.contracts.incident.IncidentOrigin origin) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("number", i.number());
        fields.put("title", i.title());
        fields.put("serviceCode", i.serviceCode());
        fields.put("priority", i.priority());
        fields.put("status", i.status());
        fields.put("origin", origin);
        fields.put("assignmentGroup", i.assignmentGroup());
        fields.put("reporterId", i.reporterId());
        fields.put("alertFingerprint", i.fingerprint());
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
