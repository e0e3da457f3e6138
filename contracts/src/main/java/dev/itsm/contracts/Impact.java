package dev.itsm.contracts;

/** How widely a disruption reaches: HIGH = many users or a whole service, LOW = one user. */
public enum Impact {
    HIGH, MEDIUM, LOW
}
