package dev.itsm.contracts.problem;

import java.time.Instant;
import java.util.UUID;

/** A further incident that matched an open problem after it was raised. */
public record ProblemIncidentLinked(UUID problemId, UUID incidentId, Instant linkedAt) {
}
