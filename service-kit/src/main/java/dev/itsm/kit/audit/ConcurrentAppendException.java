package dev.itsm.kit.audit;

import dev.itsm.kit.messaging.Failures;

/** A record's chain kept moving under an append: the step lost a race and is retried (a request answers 409). */
public class ConcurrentAppendException extends RuntimeException implements Failures.Contended {
    ConcurrentAppendException(AuditEntry entry, int attempts) {
        super("the audit chain of " + entry.recordType() + " " + entry.recordId() + " moved under " + attempts
                + " appends in a row");
    }
}
