package dev.itsm.kit.audit;

import dev.itsm.kit.security.Actor;

/**
 * Who may read and verify the audit trail of a kind of record. Each service provides one from its access policy;
 * a service without one answers 403 to every audit read.
 */
public interface AuditReaders {

    /** The record types this service keeps a trail for. */
    java.util.Set<String> recordTypes();

    /** Throws a 403 {@link dev.itsm.kit.domain.ApiProblem} unless the actor may read this record type's trail. */
    void requireRead(Actor actor, String recordType);
}
