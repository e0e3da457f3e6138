package dev.itsm.contracts.incident;

public enum EscalationKind {
    /** Up the support tiers of the incident's service: Tier 1 → Tier 2 → Tier 3. */
    FUNCTIONAL,
    /** Up the management line: the Incident Manager is told. */
    HIERARCHICAL
}
