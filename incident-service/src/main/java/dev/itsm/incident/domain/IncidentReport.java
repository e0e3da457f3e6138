package dev.itsm.incident.domain;

/** The reports on incident handling; each is checked against the actor's role by {@link IncidentPolicy#REPORTS}. */
public enum IncidentReport {
    /** MTTA and MTTR per priority, service, group or assignee. */
    SERVICE_LEVELS
}
