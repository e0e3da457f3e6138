package dev.itsm.contracts;

/** P1 is the most urgent. Derived from impact and urgency by the incident service's priority matrix. */
public enum Priority {
    P1, P2, P3, P4, P5;

    public boolean atLeast(Priority other) {
        return ordinal() <= other.ordinal();
    }
}
