package dev.itsm.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemStatusChanged(
        UUID problemId,
        String number,
        String serviceCode,
        ProblemStatus from,
        ProblemStatus to,
        String actorId,
        Instant changedAt) {
}
