package dev.itsm.incident.rest;

import jakarta.validation.constraints.Size;

/** The optional body of a step: why (hold, cancel, reopen, hand back, escalate) or how it was fixed (resolve). */
public record StepRequest(@Size(max = 2000) String reason, @Size(max = 10_000) String resolution) {
    static final StepRequest EMPTY = new StepRequest(null, null);
}
