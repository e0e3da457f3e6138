package dev.itsm.contracts.incident;

public enum IncidentStatus {
    NEW, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED, CANCELED;

    /** Open = still needs work; counts toward clustering. */
    public boolean isOpen() {
        return this == NEW || this == IN_PROGRESS || this == ON_HOLD;
    }
}
