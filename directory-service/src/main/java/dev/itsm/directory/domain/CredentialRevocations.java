package dev.itsm.directory.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.directory.CredentialKind;
import dev.itsm.contracts.directory.CredentialRevoked;
import dev.itsm.kit.directory.DirectoryProjection;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Revokes tokens: one token by its id, or every token of a person or integration issued until now. The revocation
 * goes out on the directory topic (every service refuses those tokens once its copy has it) and into
 * directory-service's own copy in the same transaction, so the directory refuses them too.
 */
@ApplicationScoped
public class CredentialRevocations {
    private final Outbox outbox;
    private final DirectoryProjection copy;
    private final DirectoryAudit audit;
    private final Clock clock;

    CredentialRevocations(Outbox outbox, DirectoryProjection copy, DirectoryAudit audit, Clock clock) {
        this.outbox = outbox;
        this.copy = copy;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every token of the subject issued until now. Runs in the caller's transaction. */
    public Uni<Void> revokeAll(String subjectId, CredentialKind kind, String reason, String revokedBy) {
        Instant now = clock.instant();
        return publish(new CredentialRevoked(subjectId, kind, null, now, null, reason, revokedBy, now, now.toEpochMilli()),
                "REVOKE_ALL_TOKENS");
    }

    /** One token, until it would have expired anyway. Runs in the caller's transaction. */
    public Uni<Void> revokeToken(String tokenId, String subjectId, CredentialKind kind, Instant expiresAt, String reason,
                                 String revokedBy) {
        Instant now = clock.instant();
        return publish(new CredentialRevoked(subjectId, kind, tokenId, now, expiresAt, reason, revokedBy, now, 1), "REVOKE_TOKEN");
    }

    private Uni<Void> publish(CredentialRevoked revoked, String step) {
        String recordType = revoked.subjectKind() == CredentialKind.PERSON ? DirectoryAudit.PERSON : DirectoryAudit.INTEGRATION_CLIENT;
        Map<String, Object> changes = new java.util.LinkedHashMap<>();
        changes.put("notBefore", revoked.notBefore());
        if (revoked.tokenId() != null) {
            changes.put("tokenId", revoked.tokenId());
        }
        changes.put("reason", revoked.reason());
        return outbox.publish(EventTypes.DIRECTORY_CREDENTIAL_REVOKED, revoked.key(), revoked, Causation.root())
                .chain(copy::apply)
                .chain(() -> audit.record(recordType, revoked.subjectId(), revoked.revokedBy(), step, changes));
    }
}
