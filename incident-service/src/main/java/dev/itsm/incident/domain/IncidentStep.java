package dev.itsm.incident.domain;

/** The process steps of an incident; each is checked against the actor's role by {@link IncidentPolicy}. */
public enum IncidentStep {
    CREATE, ACCEPT, HOLD, RESUME, RESOLVE, CLOSE, CANCEL, REOPEN, HAND_BACK,
    CLASSIFY, UPDATE, ASSIGN, ESCALATE, WORK_NOTE, COMMENT,
    DECLARE_MAJOR, STAKEHOLDER_UPDATE, REVIEW;

    /** How the step appears in paths and in {@code allowedSteps}: {@code hand-back}, {@code work-note}. */
    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
