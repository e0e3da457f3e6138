package dev.itsm.contracts.problem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Why problem-service raised a problem on its own: which rule fired, on which features, over which
 * incidents, in which window of event time.
 */
public record ClusterExplanation(
        String rule,
        String signature,
        Map<String, String> matchedFeatures,
        List<UUID> incidentIds,
        Instant windowStart,
        Instant windowEnd,
        int threshold,
        int windowMinutes) {
}
