package dev.itsm.directory.domain;

import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.audit.AuditReaders;
import dev.itsm.kit.audit.AuditTrail;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** The directory's records in the audit trail, and who may read their chains. */
@ApplicationScoped
public class DirectoryAudit implements AuditReaders {
    public static final String PERSON = "person";
    public static final String GROUP = "group";
    public static final String SERVICE = "service";
    public static final String INTEGRATION_CLIENT = "integration-client";

    private final AuditTrail trail;
    private final Clock clock;

    DirectoryAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    public Uni<Void> record(String recordType, Object recordId, String actorId, String step, Map<String, Object> changes) {
        return trail.record(new AuditEntry(recordType, String.valueOf(recordId), actorId, step, changes, clock.instant()));
    }

    @Override
    public Set<String> recordTypes() {
        return Set.of(PERSON, GROUP, SERVICE, INTEGRATION_CLIENT);
    }

    @Override
    public void requireRead(Actor actor, String recordType) {
        DirectoryAccess.POLICY.require(actor, DirectoryAccess.READ_AUDIT, RecordScope.NONE);
    }
}
