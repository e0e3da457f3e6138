package dev.itsm.contracts.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.Priority;

import java.time.Instant;
import java.util.UUID;

/** A work note or a customer-visible comment was added to an incident. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentNoteAdded(
        UUID incidentId,
        String number,
        String serviceCode,
        Priority priority,
        NoteVisibility visibility,
        String authorId,
        String text,
        String assignmentGroup,
        String assigneeId,
        String reporterId,
        Instant addedAt) {
}
