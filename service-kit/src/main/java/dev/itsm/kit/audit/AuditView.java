package dev.itsm.kit.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** An audit entry as the API shows it. */
public record AuditView(int seq, String actorId, String step, JsonNode changes, Instant occurredAt, String prevHash,
                        String hash) {
}
