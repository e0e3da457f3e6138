package dev.itsm.contracts.incident;

public enum IncidentOrigin {
    MANUAL, ALERT, INTEGRATION
}
