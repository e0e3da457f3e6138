package dev.itsm.contracts;

/** Where a person is told something. */
public enum Channel {
    IN_APP, EMAIL, WEBHOOK
}
