package dev.itsm.contracts.incident;

/** The two service-level clocks of an incident. */
public enum SlaClock {
    /** From opening until someone owns it: accepts it, or the alert is acknowledged. */
    TIME_TO_OWN,
    /** From opening until it is resolved; On Hold pauses it. */
    TIME_TO_RESOLVE
}
