package dev.itsm.contracts;

/** Seed 001 splits roles into individual roles and group roles; SYSTEM roles run the product itself. */
public enum RoleKind {
    INDIVIDUAL, GROUP, SYSTEM
}
