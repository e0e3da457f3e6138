package dev.itsm.problem.domain;

import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.audit.AuditReaders;
import dev.itsm.kit.audit.AuditTrail;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Problems in the audit trail, and who may read their chains. */
@ApplicationScoped
public class ProblemAudit implements AuditReaders {
    public static final String PROBLEM = "problem";

    private final AuditTrail trail;

    ProblemAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public Uni<Void> record(Problem problem, String actorId, String step, Map<String, Object> changes, Instant at) {
        return trail.record(new AuditEntry(PROBLEM, problem.id.toString(), actorId, step, changes, at));
    }

    static Map<String, Object> raised(Problem p, java.util.List<java.util.UUID> incidentIds) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("number", p.number);
        fields.put("title", p.title);
        fields.put("serviceCode", p.serviceCode);
        fields.put("status", p.status);
        fields.put("origin", p.origin);
        fields.put("incidentIds", incidentIds.stream().map(Object::toString).toList());
        return fields;
    }

    @Override
    public Set<String> recordTypes() {
        return Set.of(PROBLEM);
    }

    @Override
    public void requireRead(Actor actor, String recordType) {
        ProblemAccess.POLICY.require(actor, ProblemAccess.READ_AUDIT, RecordScope.NONE);
    }
}
