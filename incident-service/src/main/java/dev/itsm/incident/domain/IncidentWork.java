package dev.itsm.incident.domain;

import dev.itsm.incident.repository.IncidentRows;
import dev.itsm.incident.repository.SlaTimerRows;
import dev.itsm.incident.repository.TimelineRows;
import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How every change to incidents is written, whichever path made it (alerts, a person's step, an SLA timer): the
 * changed rows in one update, the SLA timers of every incident whose clocks moved in one upsert, the timeline lines
 * in one insert and the events in one outbox insert, all in the caller's transaction.
 */
@ApplicationScoped
public class IncidentWork {
    private final Pool pool;
    private final IncidentRows rows;
    private final SlaTimerRows timers;
    private final TimelineRows timeline;
    private final Outbox outbox;
    private final IncidentAudit audit;

    IncidentWork(Pool pool, IncidentRows rows, SlaTimerRows timers, TimelineRows timeline, Outbox outbox, IncidentAudit audit) {
        this.pool = pool;
        this.audit = audit;
        this.rows = rows;
        this.timers = timers;
        this.timeline = timeline;
        this.outbox = outbox;
    }

    /** Decides a step on one incident, locked for the decision. */
    @FunctionalInterface
    public interface Decider {
        Uni<Change> decide(SqlConnection tx, IncidentSnapshot incident);
    }

    /**
     * Who did the work and as which step, for the audit trail. {@code actorId} null: each incident's entry names the
     * actor of its first timeline line (an alert's source), else {@link #SYSTEM}.
     */
    public record Audited(String step, String actorId) {
    }

    /** The actor of work nobody asked for: SLA timers, and alert changes without a named source. */
    public static final String SYSTEM = "incident-service";

    /**
     * A person's step on one incident, in one transaction, checked in this order: the actor's role (403), the incident
     * (404), the actor's reach over this incident — its service, group, assignee, reporter (403) — its state (409),
     * then the step's own input (422, in the decider). Anything refused changes nothing.
     */
    public Uni<IncidentSnapshot> act(UUID id, IncidentStep step, Actor actor, Decider decider) {
        return act(id, step, actor, decider, (tx, change) -> Uni.createFrom().voidItem());
    }

    /** As {@link #act(UUID, IncidentStep, Actor, Decider)}, with more rows of the step's own written after the incident. */
    public Uni<IncidentSnapshot> act(UUID id, IncidentStep step, Actor actor, Decider decider,
                                     BiFunction<SqlConnection, Change, Uni<Void>> alsoWrite) {
        IncidentAccess action = IncidentAccess.of(step);
        IncidentAccess.POLICY.require(actor, action);
        return pool.withTransaction(tx -> rows.lock(tx, id).chain(found -> {
            IncidentSnapshot incident = found.orElseThrow(() -> ApiProblem.notFound("incident", id));
            IncidentAccess.POLICY.require(actor, action, IncidentAccess.scope(incident));
            StepGate.pass(actor, incident.status(), incident.major(), step);
            return decider.decide(tx, incident).chain(change -> store(tx, List.of(), List.of(change), change.timeline(),
                            pending(change.events(), Causation.rootedAt(id.toString())), new Audited(step.name(), actor.id()), true)
                    .chain(() -> alsoWrite.apply(tx, change))
                    .replaceWith(change.after()));
        }));
    }

    /**
     * Writes new and changed incidents' consequences: {@code inserted} are already stored (the caller numbered them),
     * {@code changed} pairs each incident's state before the work with its state after it.
     */
    public Uni<Void> store(SqlConnection tx, List<IncidentSnapshot> inserted, List<Change> changed, List<TimelineEntry> lines,
                           List<Outbox.Pending> events, Audited audited) {
        return store(tx, inserted, changed, lines, events, audited, false);
    }

    /**
     * @param everyChange whether each change gets an audit entry even when no audited field moved (a person's note or
     *                    stakeholder update is a step of its own); otherwise only incidents whose audited fields moved
     */
    private Uni<Void> store(SqlConnection tx, List<IncidentSnapshot> inserted, List<Change> changed, List<TimelineEntry> lines,
                            List<Outbox.Pending> events, Audited audited, boolean everyChange) {
        List<IncidentSnapshot> updated = changed.stream().filter(c -> !c.after().equals(c.before())).map(Change::after).toList();
        List<SlaClocks.Timer> schedule = new ArrayList<>();
        inserted.forEach(incident -> schedule.addAll(SlaClocks.schedule(incident)));
        for (Change change : changed) {
            List<SlaClocks.Timer> after = SlaClocks.schedule(change.after());
            if (!after.equals(SlaClocks.schedule(change.before()))) {
                schedule.addAll(after);
            }
        }
        // Sent together: the connection pipelines them and PostgreSQL runs them in this order, so a failure still
        // names the first statement that failed; the work waits for one round trip instead of five.
        return Uni.combine().all().unis(rows.update(tx, updated), timers.schedule(tx, schedule), timeline.insert(tx, lines),
                outbox.publishAll(tx, events), audit.recordAll(tx, auditEntries(inserted, changed, lines, audited, everyChange)))
                .discardItems();
    }

    private static List<AuditEntry> auditEntries(List<IncidentSnapshot> inserted, List<Change> changed, List<TimelineEntry> lines,
                                                 Audited audited, boolean everyChange) {
        Map<java.util.UUID, TimelineEntry> firstLine = new HashMap<>();
        Map<java.util.UUID, List<String>> summaries = new HashMap<>();
        for (TimelineEntry line : lines) {
            firstLine.putIfAbsent(line.incidentId(), line);
            summaries.computeIfAbsent(line.incidentId(), k -> new ArrayList<>()).add(line.summary());
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (IncidentSnapshot incident : inserted) {
            entries.add(new AuditEntry(IncidentAudit.INCIDENT, incident.id().toString(), actorOf(incident.id(), audited, firstLine),
                    audited.step(), IncidentAudit.opened(incident), incident.openedAt()));
        }
        for (Change change : changed) {
            Map<String, Object> fields = new LinkedHashMap<>(IncidentAudit.changes(change.before(), change.after()));
            if (fields.isEmpty() && !everyChange) {
                continue;
            }
            List<String> said = summaries.get(change.after().id());
            if (said != null) {
                fields.put("timeline", said);
            }
            entries.add(new AuditEntry(IncidentAudit.INCIDENT, change.after().id().toString(),
                    actorOf(change.after().id(), audited, firstLine), audited.step(), fields, change.after().updatedAt()));
        }
        return entries;
    }

    private static String actorOf(java.util.UUID incidentId, Audited audited, Map<java.util.UUID, TimelineEntry> firstLine) {
        if (audited.actorId() != null) {
            return audited.actorId();
        }
        TimelineEntry line = firstLine.get(incidentId);
        return line != null && line.actorId() != null ? line.actorId() : SYSTEM;
    }

    public List<Outbox.Pending> pending(List<DomainEvent> events, Causation causation) {
        return pending(events, event -> causation);
    }

    public List<Outbox.Pending> pending(List<DomainEvent> events, Function<DomainEvent, Causation> causation) {
        return events.stream().map(e -> outbox.pending(e.type(), e.subject(), e.payload(), causation.apply(e))).toList();
    }
}
