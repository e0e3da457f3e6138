package dev.itsm.contracts.alert;

public enum AlertStatus {
    FIRING, RESOLVED
}
