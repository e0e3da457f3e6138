package dev.itsm.problem.domain;

import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.contracts.problem.ClusterExplanation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, for a poll of incident events taken in order, which incidents raise a problem and which join an
 * open one, exactly as handling the events one by one would: each event sees the incidents and problems as
 * the events before it left them. The caller loads what the database knows of the poll's incidents and of
 * their (service, signature) groups, feeds the events, and writes the result set-based. Plain Java.
 */
public final class ClusterDecisions {
    private static final Set<IncidentStatus> OPEN = Set.of(IncidentStatus.NEW, IncidentStatus.IN_PROGRESS, IncidentStatus.ON_HOLD);

    /** What problem-service knows of an incident; {@code stored} is false for one this poll adds. */
    public record Observation(UUID incidentId, String number, String serviceCode, String signature, String priority,
                              IncidentStatus status, Instant openedAt, UUID problemId, Instant linkedAt, boolean stored) {
        Observation withStatus(IncidentStatus newStatus) {
            return new Observation(incidentId, number, serviceCode, signature, priority, newStatus, openedAt, problemId, linkedAt, stored);
        }

        Observation linkedTo(UUID problem, Instant at) {
            return new Observation(incidentId, number, serviceCode, signature, priority, status, openedAt, problem, at, stored);
        }

        ClusteringRule.Candidate candidate() {
            return new ClusteringRule.Candidate(incidentId, serviceCode, signature, openedAt);
        }

        Group group() {
            return new Group(serviceCode, signature);
        }
    }

    public record Group(String serviceCode, String signature) {
    }

    /** A problem a cluster raises; {@code trigger} is the incident whose event completed the cluster. */
    public record Raised(UUID problemId, Group group, ClusterExplanation explanation, UUID trigger) {
    }

    /** An incident joining a problem after it was raised (the raise itself names its first incidents). */
    public record Joined(UUID problemId, UUID incidentId) {
    }

    private final ClusteringRule rule;
    private final Instant now;
    private final Map<UUID, Observation> initial;
    private final Map<UUID, Observation> observations;
    private final Map<Group, UUID> openProblems;
    private final List<Raised> raised = new ArrayList<>();
    private final List<Joined> joined = new ArrayList<>();

    /**
     * @param known        the stored observations of the poll's incidents and the unlinked open ones of their groups
     * @param openProblems the open clustering problem of each group that has one
     */
    public ClusterDecisions(ClusteringRule rule, Instant now, List<Observation> known, Map<Group, UUID> openProblems) {
        this.rule = rule;
        this.now = now;
        this.initial = new LinkedHashMap<>();
        known.forEach(o -> initial.put(o.incidentId(), o));
        this.observations = new LinkedHashMap<>(initial);
        this.openProblems = new LinkedHashMap<>(openProblems);
    }

    public void opened(IncidentOpened event) {
        if (observations.containsKey(event.incidentId())) {
            return;
        }
        Observation observation = new Observation(event.incidentId(), event.number(), event.serviceCode(), event.signature(),
                event.priority() != null ? event.priority().name() : null, IncidentStatus.NEW, event.openedAt(), null, null, false);
        observations.put(observation.incidentId(), observation);
        UUID open = openProblems.get(observation.group());
        if (open != null) {
            observations.put(observation.incidentId(), observation.linkedTo(open, now));
            joined.add(new Joined(open, observation.incidentId()));
            return;
        }
        List<ClusteringRule.Candidate> candidates = observations.values().stream()
                .filter(o -> o.group().equals(observation.group()) && o.problemId() == null && OPEN.contains(o.status()))
                .map(Observation::candidate).toList();
        Optional<ClusterExplanation> cluster = rule.evaluate(observation.candidate(), candidates);
        if (cluster.isEmpty()) {
            return;
        }
        UUID problemId = UUID.randomUUID();
        raised.add(new Raised(problemId, observation.group(), cluster.get(), observation.incidentId()));
        openProblems.put(observation.group(), problemId);
        cluster.get().incidentIds().forEach(id -> observations.computeIfPresent(id, (key, o) -> o.linkedTo(problemId, now)));
    }

    public void statusChanged(IncidentStatusChanged event) {
        if (event.to() != null) {
            observations.computeIfPresent(event.incidentId(), (key, o) -> o.withStatus(event.to()));
        }
    }

    /** Incidents this poll adds. */
    public List<Observation> added() {
        return observations.values().stream().filter(o -> !o.stored()).toList();
    }

    /** Stored incidents whose status or problem this poll changed. */
    public List<Observation> changed() {
        return observations.values().stream().filter(o -> o.stored() && !o.equals(initial.get(o.incidentId()))).toList();
    }

    public List<Raised> raised() {
        return List.copyOf(raised);
    }

    public List<Joined> joined() {
        return List.copyOf(joined);
    }
}
