package dev.itsm.incident.domain;

import dev.itsm.contracts.Priority;
import dev.itsm.contracts.incident.SlaClock;
import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.repository.DirectoryRows;
import dev.itsm.incident.repository.IncidentRows;
import dev.itsm.incident.repository.SlaTimerRows;
import dev.itsm.kit.domain.Causation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Fires the SLA timers that are due, on whichever replica claims them first: a batch of due timers and their
 * incidents is locked with {@code FOR UPDATE SKIP LOCKED}, decided by {@link SlaFiring}, and written with the timers
 * marked fired, in one transaction. Exported: {@code itsm.incident.sla.breached} (clock, priority) and
 * {@code itsm.incident.sla.warnings} (clock, threshold), counted once the transaction has committed.
 */
@ApplicationScoped
public class SlaTimers {
    private final Pool pool;
    private final SlaTimerRows timers;
    private final IncidentRows rows;
    private final DirectoryRows directory;
    private final IncidentWork work;
    private final IncidentConfig config;
    private final SlaPolicy policy;
    private final Clock clock;
    private final MeterRegistry registry;

    SlaTimers(Pool pool, SlaTimerRows timers, IncidentRows rows, DirectoryRows directory, IncidentWork work, IncidentConfig config,
              Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.timers = timers;
        this.rows = rows;
        this.directory = directory;
        this.work = work;
        this.config = config;
        this.policy = SlaPolicy.of(config.sla());
        this.clock = clock;
        this.registry = registry;
        // Every series exists from the start, so that rate() and increase() see the first breach.
        for (SlaClock slaClock : SlaClock.values()) {
            for (Priority priority : Priority.values()) {
                breachCounter(slaClock, priority);
            }
        }
    }

    /** A timer that fired, and the priority of its incident at the time. */
    public record FiredTimer(SlaClocks.Timer timer, Priority priority) {
    }

    /** What one scan fired; {@code claimed} equal to the batch size means there may be more. */
    public record Scan(int claimed, List<FiredTimer> fired) {
    }

    /** Fires what is due now, one batch; returns how many timers it claimed (a full batch means: scan again). */
    public Uni<Scan> fireDue() {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> timers.claimDue(tx, now, config.sla().scanBatch())
                        .chain(due -> due.isEmpty() ? Uni.createFrom().item(new Scan(0, List.of())) : fire(tx, due, now)))
                .invoke(this::count);
    }

    private Uni<Scan> fire(SqlConnection tx, List<SlaTimerRows.Due> due, Instant now) {
        Set<String> services = due.stream().map(d -> d.incident().serviceCode()).collect(Collectors.toSet());
        return rows.ladders(tx, services).chain(ladders -> {
            // Who is on call, at the moment of each breach that may move its incident up, in one look-up.
            Map<UUID, DirectoryRows.Shift> shifts = new LinkedHashMap<>();
            for (SlaTimerRows.Due d : due) {
                Optional<Instant> reachedAt = SlaFiring.dueAt(d.incident(), d.timer(), now);
                if (reachedAt.isPresent() && d.timer().clock() == SlaClock.TIME_TO_OWN && d.timer().threshold() >= 100
                        && SlaFiring.mayMoveUp(d.incident())) {
                    Escalation.next(d.incident(), ladder(ladders, d.incident()))
                            .ifPresent(target -> shifts.put(d.incident().id(), new DirectoryRows.Shift(target.toGroup(), reachedAt.get())));
                }
            }
            return directory.onCall(tx, List.copyOf(shifts.values())).chain(onCall -> decide(tx, due, now, ladders, shifts, onCall));
        });
    }

    private Escalation.Ladder ladder(Map<String, Escalation.Ladder> ladders, IncidentSnapshot incident) {
        Escalation.Ladder ladder = ladders.getOrDefault(incident.serviceCode(), new Escalation.Ladder(null, null, null));
        return ladder.tier1() != null ? ladder : new Escalation.Ladder(config.defaultAssignmentGroup(), ladder.tier2(), ladder.tier3());
    }

    private Uni<Scan> decide(SqlConnection tx, List<SlaTimerRows.Due> due, Instant now, Map<String, Escalation.Ladder> ladders,
                             Map<UUID, DirectoryRows.Shift> shifts, Map<DirectoryRows.Shift, String> onCall) {
        Map<UUID, IncidentSnapshot> before = new LinkedHashMap<>();
        Map<UUID, IncidentSnapshot> state = new LinkedHashMap<>();
        due.forEach(d -> {
            before.putIfAbsent(d.incident().id(), d.incident());
            state.putIfAbsent(d.incident().id(), d.incident());
        });
        List<SlaClocks.Timer> fired = new ArrayList<>();
        List<SlaClocks.Timer> resync = new ArrayList<>();
        List<TimelineEntry> lines = new ArrayList<>();
        List<DomainEvent> events = new ArrayList<>();
        List<FiredTimer> counted = new ArrayList<>();
        for (SlaTimerRows.Due d : due) {
            IncidentSnapshot incident = state.get(d.incident().id());
            Optional<Instant> reachedAt = SlaFiring.dueAt(incident, d.timer(), now);
            if (reachedAt.isEmpty()) {
                // Its clock moved since the row was written: put the row right instead of firing it.
                SlaClocks.schedule(incident).stream()
                        .filter(t -> t.clock() == d.timer().clock() && t.threshold() == d.timer().threshold())
                        .forEach(resync::add);
                continue;
            }
            DirectoryRows.Shift shift = shifts.get(incident.id());
            String onCallMember = shift == null ? null : onCall.get(shift);
            SlaFiring.Fired result = SlaFiring.fire(incident, d.timer().clock(), d.timer().threshold(), reachedAt.get(),
                    Escalation.next(incident, ladder(ladders, incident)).map(target -> target.withAssignee(onCallMember)), policy,
                    config.sla().escalateOnOwnBreach());
            state.put(incident.id(), result.after());
            SlaClocks.Timer timer = new SlaClocks.Timer(incident.id(), d.timer().clock(), d.timer().threshold(), reachedAt.get());
            fired.add(timer);
            counted.add(new FiredTimer(timer, incident.priority()));
            lines.addAll(result.timeline());
            events.addAll(result.events());
        }
        List<Change> changes = state.values().stream().map(after -> new Change(before.get(after.id()), after, List.of(), List.of()))
                .toList();
        return timers.fired(tx, fired)
                .chain(() -> timers.schedule(tx, resync))
                .chain(() -> work.store(tx, List.of(), changes, lines,
                        work.pending(events, e -> Causation.rootedAt(e.subject()))))
                .replaceWith(new Scan(due.size(), counted));
    }

    private void count(Scan scan) {
        for (FiredTimer fired : scan.fired()) {
            if (fired.timer().threshold() >= 100) {
                breachCounter(fired.timer().clock(), fired.priority()).increment();
            } else {
                registry.counter("itsm.incident.sla.warnings", "clock", fired.timer().clock().name(), "threshold",
                        String.valueOf(fired.timer().threshold())).increment();
            }
        }
    }

    private Counter breachCounter(SlaClock slaClock, Priority priority) {
        return Counter.builder("itsm.incident.sla.breached").description("SLA clocks of incidents that reached 100 % of their target")
                .tag("clock", slaClock.name()).tag("priority", priority.name()).register(registry);
    }

    /** Forgets the timers of ended incidents that can no longer fire. */
    public Uni<Integer> pruneEnded() {
        return timers.pruneEnded(pool);
    }
}
