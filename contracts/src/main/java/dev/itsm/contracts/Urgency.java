package dev.itsm.contracts;

/** How fast the business needs it back: HIGH = work has stopped, LOW = it can wait. */
public enum Urgency {
    HIGH, MEDIUM, LOW
}
