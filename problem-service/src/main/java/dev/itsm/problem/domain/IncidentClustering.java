package dev.itsm.problem.domain;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.contracts.problem.ClusterExplanation;
import dev.itsm.contracts.problem.ProblemIncidentLinked;
import dev.itsm.contracts.problem.ProblemOrigin;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.audit.AuditTrail;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.problem.config.ProblemConfig;
import dev.itsm.problem.repository.ClusteringRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Incident events in, a whole poll at a time: record each incident, and either attach it to the open problem
 * of its (service, signature) or, when it completes a cluster, raise exactly one problem with the explanation.
 * Decisions are made in event order by {@link ClusterDecisions} and written with a handful of set-based
 * statements; clustering of one group is serialised across replicas by an advisory lock, and the partial
 * unique index on open clusters backs that up.
 */
@ApplicationScoped
public class IncidentClustering {
    public static final String RAISED_BY = "problem-service";

    private final ClusteringRows rows;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final EventCodec codec;
    private final ClusteringRule rule;
    private final Clock clock;

    IncidentClustering(ClusteringRows rows, Outbox outbox, AuditTrail audit, EventCodec codec, ProblemConfig config, Clock clock) {
        this.audit = audit;
        this.rows = rows;
        this.outbox = outbox;
        this.codec = codec;
        this.rule = new ClusteringRule(config.clustering().threshold(), config.clustering().window());
        this.clock = clock;
    }

    /** The events of a poll that clustering reads, in order. */
    private record Read(EventEnvelope envelope, IncidentOpened opened, IncidentStatusChanged changed) {
        ClusterDecisions.Group group() {
            return opened != null ? new ClusterDecisions.Group(opened.serviceCode(), opened.signature())
                    : new ClusterDecisions.Group(changed.serviceCode(), changed.signature());
        }

        UUID incidentId() {
            return opened != null ? opened.incidentId() : changed.incidentId();
        }
    }

    public Uni<Void> apply(SqlConnection tx, List<IdempotentConsumer.Consumed<EventEnvelope>> batch) {
        List<Read> events = new ArrayList<>();
        for (IdempotentConsumer.Consumed<EventEnvelope> item : batch) {
            EventEnvelope event = item.value();
            switch (event.type()) {
                case EventTypes.INCIDENT_OPENED -> events.add(new Read(event, codec.payload(event, IncidentOpened.class), null));
                case EventTypes.INCIDENT_STATUS_CHANGED -> events.add(new Read(event, null, codec.payload(event, IncidentStatusChanged.class)));
                default -> {
                    // other incident events do not change clustering
                }
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<ClusterDecisions.Group> groups = new LinkedHashSet<>();
        events.stream().filter(e -> e.opened() != null && e.opened().signature() != null).forEach(e -> groups.add(e.group()));
        Set<UUID> incidents = new LinkedHashSet<>();
        events.forEach(e -> incidents.add(e.incidentId()));
        Instant earliest = events.stream().filter(e -> e.opened() != null).map(e -> e.opened().openedAt()).min(Instant::compareTo)
                .orElse(clock.instant());
        Instant latest = events.stream().filter(e -> e.opened() != null).map(e -> e.opened().openedAt()).max(Instant::compareTo)
                .orElse(clock.instant());
        Instant now = clock.instant();
        // Sent together: PostgreSQL runs them in this order on the connection, so the reads see the groups locked.
        return Uni.combine().all().unis(rows.lockGroups(tx, groups),
                        rows.observations(tx, incidents, groups, earliest.minus(rule.window()), latest.plus(rule.window())),
                        rows.openProblems(tx, ClusteringRule.NAME, groups)).asTuple()
                .map(found -> {
                    ClusterDecisions decisions = new ClusterDecisions(rule, now, found.getItem2(), found.getItem3());
                    events.forEach(e -> {
                        if (e.opened() != null) {
                            decisions.opened(e.opened());
                        } else {
                            decisions.statusChanged(e.changed());
                        }
                    });
                    return decisions;
                })
                .chain(decisions -> write(tx, events, decisions, now));
    }

    private Uni<Void> write(SqlConnection tx, List<Read> events, ClusterDecisions decisions, Instant now) {
        Map<UUID, EventEnvelope> openedBy = new HashMap<>();
        events.stream().filter(e -> e.opened() != null).forEach(e -> openedBy.putIfAbsent(e.incidentId(), e.envelope()));
        List<ClusteringRows.NewProblem> problems = decisions.raised().stream().map(r -> new ClusteringRows.NewProblem(r.problemId(),
                Titles.fit("Recurring " + r.group().signature() + " on " + r.group().serviceCode()),
                r.explanation().incidentIds().size() + " incidents with the same symptom on " + r.group().serviceCode()
                        + " within " + r.explanation().windowMinutes() + " minutes",
                r.group().serviceCode(), r.group().signature(), json(r.explanation()), ClusteringRule.NAME, now)).toList();
        return Uni.combine().all().unis(rows.insertObservations(tx, decisions.added()), rows.updateObservations(tx, decisions.changed()),
                        rows.insertProblems(tx, problems, RAISED_BY)).asTuple()
                .map(written -> written.getItem3())
                .chain(numbers -> {
                    List<Outbox.Pending> out = new ArrayList<>();
                    for (int i = 0; i < problems.size(); i++) {
                        ClusteringRows.NewProblem problem = problems.get(i);
                        ClusterExplanation explanation = decisions.raised().get(i).explanation();
                        out.add(outbox.pending(EventTypes.PROBLEM_RAISED, problem.id().toString(), new ProblemRaised(problem.id(),
                                numbers.get(problem.id()), problem.title(), problem.serviceCode(), ProblemOrigin.CLUSTERING, explanation,
                                explanation.incidentIds(), RAISED_BY, now), Causation.causedBy(openedBy.get(decisions.raised().get(i).trigger()))));
                    }
                    List<AuditEntry> trail = new ArrayList<>();
                    for (int i = 0; i < problems.size(); i++) {
                        ClusteringRows.NewProblem problem = problems.get(i);
                        trail.add(new AuditEntry(ProblemAudit.PROBLEM, problem.id().toString(), RAISED_BY, "RAISE", Map.of(
                                "number", numbers.get(problem.id()), "title", problem.title(), "serviceCode", problem.serviceCode(),
                                "origin", ProblemOrigin.CLUSTERING.name(), "incidentIds",
                                decisions.raised().get(i).explanation().incidentIds().stream().map(Object::toString).toList()), now));
                    }
                    for (ClusterDecisions.Joined joined : decisions.joined()) {
                        out.add(outbox.pending(EventTypes.PROBLEM_INCIDENT_LINKED, joined.problemId().toString(),
                                new ProblemIncidentLinked(joined.problemId(), joined.incidentId(), now),
                                Causation.causedBy(openedBy.get(joined.incidentId()))));
                        trail.add(new AuditEntry(ProblemAudit.PROBLEM, joined.problemId().toString(), RAISED_BY, "LINK_INCIDENT",
                                Map.of("incidentId", joined.incidentId().toString()), now));
                    }
                    return Uni.combine().all().unis(outbox.publishAll(tx, out), audit.recordAll(tx, trail)).discardItems();
                });
    }

    private String json(ClusterExplanation explanation) {
        try {
            return codec.mapper().writeValueAsString(explanation);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
