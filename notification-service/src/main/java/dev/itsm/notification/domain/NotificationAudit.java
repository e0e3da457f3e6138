package dev.itsm.notification.domain;

import dev.itsm.kit.audit.AuditReaders;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** notification-service keeps no audited records: its audit endpoints refuse everyone. */
@ApplicationScoped
public class NotificationAudit implements AuditReaders {

    @Override
    public Set<String> recordTypes() {
        return Set.of();
    }

    @Override
    public void requireRead(Actor actor, String recordType) {
        NotificationAccess.POLICY.require(actor, NotificationAccess.READ_AUDIT, RecordScope.NONE);
    }
}
