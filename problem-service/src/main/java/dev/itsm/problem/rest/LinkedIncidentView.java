package dev.itsm.problem.rest;

import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.problem.domain.IncidentObservation;

import java.time.Instant;
import java.util.UUID;

/** One incident of a problem, as problem-service knows it. */
public record LinkedIncidentView(UUID incidentId, String number, String serviceCode, String signature, String priority,
                                 IncidentStatus status, Instant openedAt, Instant linkedAt) {

    static LinkedIncidentView of(IncidentObservation o) {
        return new LinkedIncidentView(o.incidentId, o.number, o.serviceCode, o.signature, o.priority, o.status, o.openedAt, o.linkedAt);
    }
}
