package dev.itsm.incident.domain;

import java.util.UUID;

/** What one alert did: opened an incident, updated the open one, resolved it, or nothing. */
public record AlertOutcome(String fingerprint, Action action, UUID incidentId, String incidentNumber) {
    public enum Action { OPENED, UPDATED, RESOLVED, IGNORED }
}
