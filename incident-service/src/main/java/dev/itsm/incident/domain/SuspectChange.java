package dev.itsm.incident.domain;

import java.time.Instant;
import java.util.UUID;

/** A change implemented on an incident's service shortly before the incident opened: the first thing to suspect. */
public record SuspectChange(UUID changeId, String number, Instant implementedAt) {
}
