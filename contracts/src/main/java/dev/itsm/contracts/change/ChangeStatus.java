package dev.itsm.contracts.change;

public enum ChangeStatus {
    NEW, ASSESS, AUTHORIZE, SCHEDULED, IMPLEMENT, REVIEW, CLOSED, REJECTED, CANCELED
}
