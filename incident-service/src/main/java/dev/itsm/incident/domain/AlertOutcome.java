package dev.itsm.incident.domain;

import java.util.UUID;

/** What one alert did to the incident of its fingerprint (see {@link AlertRules}). */
public record AlertOutcome(String fingerprint, AlertRules.Action action, UUID incidentId, String incidentNumber) {
}
