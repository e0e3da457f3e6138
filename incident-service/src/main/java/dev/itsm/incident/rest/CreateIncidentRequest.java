package dev.itsm.incident.rest;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;
import dev.itsm.incident.domain.NewIncident;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateIncidentRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10_000) String description,
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be a service code like 'payroll'") String serviceCode,
        @NotNull Impact impact,
        @NotNull Urgency urgency,
        @Size(max = 64) String reporterId,
        @Size(max = 500) String symptom,
        @Size(max = 64) String category) {

    NewIncident toDomain() {
        return new NewIncident(title.strip(), description, serviceCode, impact, urgency, reporterId, symptom, category);
    }
}
