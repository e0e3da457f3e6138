package dev.itsm.incident.domain;

/** The process steps of an incident; each is checked against the actor's role by {@link IncidentAccess}. */
public enum IncidentStep {
    CREATE, ACCEPT, HOLD, RESUME, RESOLVE, CLOSE, CANCEL, REOPEN, HAND_BACK
}
