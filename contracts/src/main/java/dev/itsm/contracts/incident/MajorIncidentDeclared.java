package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An Incident Manager declared a major incident.
 *
 * @param roles who fills each seed role: INCIDENT_MANAGER, IT_COMMUNICATIONS, SCRIBE, LIAISON, OUTAGE_COORDINATOR and
 *              one entry per SERVICE_RESTORATION_TEAM member
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MajorIncidentDeclared(
        UUID incidentId,
        String number,
        String title,
        String serviceCode,
        Priority priority,
        String declaredBy,
        String reason,
        List<MajorIncidentRole> roles,
        String assignmentGroup,
        String assigneeId,
        String reporterId,
        Instant declaredAt) {
}
