package dev.itsm.contracts.alert;

/** Where the alerting condition stands; ACKNOWLEDGED is PagerDuty's "someone is on it". */
public enum AlertStatus {
    FIRING, RESOLVED, ACKNOWLEDGED
}
