package dev.itsm.problem.domain;

import dev.itsm.contracts.problem.ClusterExplanation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * "Similar incidents recur": at least {@code threshold} open incidents on the same service with the same
 * symptom signature, all opened within {@code window} of each other. Times are the incidents' own opening
 * times, so replaying the same events, in any order, decides the same.
 */
public final class ClusteringRule {
    public static final String NAME = "same-service-same-signature";

    private final int threshold;
    private final Duration window;

    public ClusteringRule(int threshold, Duration window) {
        if (threshold < 2) {
            throw new IllegalArgumentException("a cluster needs at least 2 incidents");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
        this.threshold = threshold;
        this.window = window;
    }

    /** An open incident as clustering sees it. */
    public record Candidate(UUID incidentId, String serviceCode, String signature, Instant openedAt) {
    }

    /**
     * The cluster the trigger completes, if any: the earliest window of the configured length that holds the
     * trigger and at least {@code threshold} candidates (the trigger included) of its service and signature.
     */
    public Optional<ClusterExplanation> evaluate(Candidate trigger, List<Candidate> openIncidents) {
        List<Candidate> similar = openIncidents.stream()
                .filter(c -> c.serviceCode().equals(trigger.serviceCode()) && c.signature().equals(trigger.signature()))
                .sorted(Comparator.comparing(Candidate::openedAt).thenComparing(Candidate::incidentId))
                .toList();
        if (similar.stream().noneMatch(c -> c.incidentId().equals(trigger.incidentId()))) {
            return Optional.empty();
        }
        for (int start = 0; start < similar.size(); start++) {
            Instant windowStart = similar.get(start).openedAt();
            if (windowStart.isAfter(trigger.openedAt())) {
                break;
            }
            Instant windowEnd = windowStart.plus(window);
            List<Candidate> inWindow = similar.subList(start, similar.size()).stream()
                    .filter(c -> !c.openedAt().isAfter(windowEnd))
                    .toList();
            boolean holdsTrigger = inWindow.stream().anyMatch(c -> c.incidentId().equals(trigger.incidentId()));
            if (holdsTrigger && inWindow.size() >= threshold) {
                Map<String, String> features = new LinkedHashMap<>();
                features.put("serviceCode", trigger.serviceCode());
                features.put("signature", trigger.signature());
                return Optional.of(new ClusterExplanation(NAME, trigger.signature(), features,
                        inWindow.stream().map(Candidate::incidentId).toList(),
                        inWindow.get(0).openedAt(), inWindow.get(inWindow.size() - 1).openedAt(),
                        threshold, (int) window.toMinutes()));
            }
        }
        return Optional.empty();
    }

    public Duration window() {
        return window;
    }
}
