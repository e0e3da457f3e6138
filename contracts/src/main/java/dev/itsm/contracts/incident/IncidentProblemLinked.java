package dev.itsm.contracts.incident;

import java.time.Instant;
import java.util.UUID;

public record IncidentProblemLinked(UUID incidentId, UUID problemId, Instant linkedAt) {
}
