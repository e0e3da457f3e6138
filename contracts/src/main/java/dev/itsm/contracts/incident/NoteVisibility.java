package dev.itsm.contracts.incident;

public enum NoteVisibility {
    /** A work note: for the people working the incident only. */
    WORK_NOTE,
    /** A comment the reporter (the customer) sees. */
    COMMENT
}
