package dev.itsm.change.domain;

import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.audit.AuditReaders;
import dev.itsm.kit.audit.AuditTrail;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Changes, standard-change templates and freeze windows in the audit trail, and who may read their chains. */
@ApplicationScoped
public class ChangeAudit implements AuditReaders {
    public static final String CHANGE = "change";
    public static final String TEMPLATE = "change-template";
    public static final String FREEZE_WINDOW = "freeze-window";

    private final AuditTrail trail;

    ChangeAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public Uni<Void> record(String recordType, Object recordId, String actorId, String step, Map<String, Object> changes, Instant at) {
        return trail.record(new AuditEntry(recordType, recordId.toString(), actorId, step, changes, at));
    }

    @Override
    public Set<String> recordTypes() {
        return Set.of(CHANGE, TEMPLATE, FREEZE_WINDOW);
    }

    @Override
    public void requireRead(Actor actor, String recordType) {
        ChangeAccess.POLICY.require(actor, ChangeAccess.READ_AUDIT, RecordScope.NONE);
    }
}
