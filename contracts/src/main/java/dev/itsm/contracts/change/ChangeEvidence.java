package dev.itsm.contracts.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itsm.contracts.problem.ClusterExplanation;

import java.util.List;
import java.util.UUID;

/** What a change drafted from a problem carries, so the CAB sees why it is asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeEvidence(
        UUID problemId,
        String problemNumber,
        String rootCause,
        String fix,
        List<UUID> incidentIds,
        ClusterExplanation explanation) {
}
