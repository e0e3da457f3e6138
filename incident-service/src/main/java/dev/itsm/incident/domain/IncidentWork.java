package dev.itsm.incident.domain;

import dev.itsm.incident.repository.IncidentRows;
import dev.itsm.incident.repository.SlaTimerRows;
import dev.itsm.incident.repository.TimelineRows;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
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

    IncidentWork(Pool pool, IncidentRows rows, SlaTimerRows timers, TimelineRows timeline, Outbox outbox) {
        this.pool = pool;
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
     * A person's step on one incident, in one transaction, checked in this order: the actor's role (403), the incident
     * (404), its state (409), then the step's own input (422, in the decider). Anything refused changes nothing.
     */
    public Uni<IncidentSnapshot> act(UUID id, IncidentStep step, Actor actor, Decider decider) {
        return act(id, step, actor, decider, (tx, change) -> Uni.createFrom().voidItem());
    }

    /** As {@link #act(UUID, IncidentStep, Actor, Decider)}, with more rows of the step's own written after the incident. */
    public Uni<IncidentSnapshot> act(UUID id, IncidentStep step, Actor actor, Decider decider,
                                     BiFunction<SqlConnection, Change, Uni<Void>> alsoWrite) {
        IncidentPolicy.POLICY.require(actor, step);
        return pool.withTransaction(tx -> rows.lock(tx, id).chain(found -> {
            IncidentSnapshot incident = found.orElseThrow(() -> ApiProblem.notFound("incident", id));
            StepGate.pass(actor, incident.status(), incident.major(), step);
            return decider.decide(tx, incident).chain(change -> store(tx, List.of(), List.of(change), change.timeline(),
                            pending(change.events(), Causation.rootedAt(id.toString())))
                    .chain(() -> alsoWrite.apply(tx, change))
                    .replaceWith(change.after()));
        }));
    }

    /**
     * Writes new and changed incidents' consequences: {@code inserted} are already stored (the caller numbered them),
     * {@code changed} pairs each incident's state before the work with its state after it.
     */
    public Uni<Void> store(SqlConnection tx, List<IncidentSnapshot> inserted, List<Change> changed, List<TimelineEntry> lines,
                           List<Outbox.Pending> events) {
        List<IncidentSnapshot> updated = changed.stream().filter(c -> !c.after().equals(c.before())).map(Change::after).toList();
        List<SlaClocks.Timer> schedule = new ArrayList<>();
        inserted.forEach(incident -> schedule.addAll(SlaClocks.schedule(incident)));
        for (Change change : changed) {
            List<SlaClocks.Timer> after = SlaClocks.schedule(change.after());
            if (!after.equals(SlaClocks.schedule(change.before()))) {
                schedule.addAll(after);
            }
        }
        return rows.update(tx, updated)
                .chain(() -> timers.schedule(tx, schedule))
                .chain(() -> timeline.insert(tx, lines))
                .chain(() -> outbox.publishAll(tx, events));
    }

    public List<Outbox.Pending> pending(List<DomainEvent> events, Causation causation) {
        return pending(events, event -> causation);
    }

    public List<Outbox.Pending> pending(List<DomainEvent> events, Function<DomainEvent, Causation> causation) {
        return events.stream().map(e -> outbox.pending(e.type(), e.subject(), e.payload(), causation.apply(e))).toList();
    }
}
