package dev.itsm.contracts.change;

/** STANDARD is pre-approved (skips assess and authorize); EMERGENCY is authorised by the ECAB. */
public enum ChangeType {
    STANDARD, NORMAL, EMERGENCY
}
