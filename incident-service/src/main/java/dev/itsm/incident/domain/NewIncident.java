package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Urgency;

/** What a reporter gives to open an incident; the symptom defaults to the title, the category may come later. */
public record NewIncident(String title, String description, String serviceCode, Impact impact, Urgency urgency,
                          String reporterId, String symptom, String category) {

    public NewIncident(String title, String description, String serviceCode, Impact impact, Urgency urgency, String reporterId,
                       String symptom) {
        this(title, description, serviceCode, impact, urgency, reporterId, symptom, null);
    }
}
