package dev.itsm.incident.repository;

import dev.itsm.contracts.Priority;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;

import java.util.UUID;

/** List filters; a null field does not filter. */
public record IncidentFilter(IncidentStatus status, Priority priority, String serviceCode, String assignmentGroup,
                             String assigneeId, UUID problemId, IncidentOrigin origin, String alertFingerprint) {
}
