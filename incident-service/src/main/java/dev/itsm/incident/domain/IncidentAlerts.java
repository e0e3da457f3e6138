package dev.itsm.incident.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.MalformedEventException;
import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentReprioritised;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.repository.IncidentRows;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.inbox.Inbox;
import dev.itsm.kit.messaging.Failures;
import dev.itsm.kit.messaging.IdempotentConsumer;
import dev.itsm.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Alerts in, from the Kafka topic (a whole poll at a time) or a webhook request alike, in one straight line:
 * parse once, lock the incidents of the batch's fingerprints, decide each alert in order with
 * {@link AlertRules}, then write the batch with one insert, one update and one outbox insert.
 * Order per fingerprint is kept: alerts of one fingerprint are decided one after another, and batches of a
 * partition are handled one at a time. Exactly once: Kafka records by their offsets (in the consumer), a
 * webhook body by its hash within {@code itsm.incident.alerts.webhook-dedup-window}.
 */
@ApplicationScoped
public class IncidentAlerts {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(IncidentAlerts.class);
    public static final String KAFKA_CONSUMER = "incident-service.alerts";
    public static final String WEBHOOK_CONSUMER = "incident-service.alert-webhook";

    /** The alerts of one record or request, the chain they start or continue, and when they arrived. */
    public record Received(List<AlertSignal> alerts, Causation causation, Instant receivedAt) {
    }

    /** Which format a webhook endpoint accepts. */
    public enum Format { ALERTMANAGER, PAGERDUTY, ANY }

    private final AlertTranslator translator;
    private final EventCodec codec;
    private final IncidentRows rows;
    private final IncidentWork work;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Pool pool;
    private final IncidentConfig config;
    private final AlertRules.Policy policy;
    private final Clock clock;

    IncidentAlerts(EventCodec codec, IncidentRows rows, IncidentWork work, Outbox outbox, Inbox inbox, Pool pool,
                   IncidentConfig config, Clock clock) {
        this.translator = new AlertTranslator(codec.mapper(), config.unknownService());
        this.codec = codec;
        this.rows = rows;
        this.work = work;
        this.outbox = outbox;
        this.inbox = inbox;
        this.pool = pool;
        this.config = config;
        this.policy = new AlertRules.Policy(config.alerts().flapWindow(), config.alerts().autoResolve(), SlaPolicy.of(config.sla()));
        this.clock = clock;
    }

    // ---- Kafka ----

    /** Parses a record of {@code itsm.alerts.v1}; the record's timestamp is when the alerts happened for the rules. */
    public Received parse(ConsumerRecord<String, String> record) {
        Instant appended = record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : clock.instant();
        return parse(translator.parse(record.value()), Format.ANY, appended);
    }

    /** Applies a poll's alerts in the consumer's transaction. */
    public Uni<Void> apply(SqlConnection tx, List<IdempotentConsumer.Consumed<Received>> batch) {
        return decideAndStore(tx, batch.stream().map(IdempotentConsumer.Consumed::value).toList()).replaceWithVoid();
    }

    // ---- webhooks ----

    /** What a webhook request did: the outcome per alert, or nothing when the same body was already received. */
    public record Receipt(boolean duplicate, List<AlertOutcome> outcomes) {
    }

    public Uni<Receipt> receive(String body, Format format) {
        Received received;
        try {
            received = parse(translator.parse(body), format, clock.instant());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        String deliveryKey = AlertTranslator.sha256(body);
        return Uni.createFrom().deferred(() -> pool.withTransaction(tx -> inbox.firstDeliveries(tx, WEBHOOK_CONSUMER,
                                List.of(deliveryKey), config.alerts().webhookDedupWindow())
                        .chain(first -> first.isEmpty()
                                ? Uni.createFrom().item(new Receipt(true, List.of()))
                                : decideAndStore(tx, List.of(received)).map(outcomes -> new Receipt(false, outcomes)))))
                // A sender retries a 4xx rarely and a lost race is not the sender's fault: decide again here.
                .onFailure(failure -> Failures.classify(failure) == Failures.Kind.CONTENDED)
                .retry().withBackOff(Duration.ofMillis(20), Duration.ofMillis(500)).atMost(5);
    }

    private Received parse(JsonNode root, Format format, Instant receivedAt) {
        List<AlertSignal> alerts = switch (format) {
            case ALERTMANAGER -> translator.fromAlertmanager(root);
            case PAGERDUTY -> translator.fromPagerDuty(root);
            case ANY -> translator.translate(root);
        };
        Causation causation = null;
        if (root.has("specversion")) {
            try {
                causation = Causation.causedBy(codec.mapper().treeToValue(root, EventEnvelope.class));
            } catch (Exception e) {
                throw new MalformedEventException("not a CloudEvents envelope: " + e.getMessage(), e);
            }
        }
        return new Received(alerts, causation, receivedAt);
    }

    // ---- the one path ----

    private record Decided(AlertSignal alert, Causation causation, IncidentSnapshot before, AlertRules.Decision decision) {
    }

    private Uni<List<AlertOutcome>> decideAndStore(SqlConnection tx, List<Received> received) {
        Set<String> fingerprints = received.stream().flatMap(r -> r.alerts().stream()).map(AlertSignal::fingerprint)
                .collect(Collectors.toSet());
        if (fingerprints.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = clock.instant();
        Instant earliest = received.stream().map(Received::receivedAt).min(Instant::compareTo).orElse(now);
        return rows.lockByFingerprint(tx, fingerprints, earliest.minus(policy.flapWindow())).chain(current -> {
            Map<String, IncidentSnapshot> state = new LinkedHashMap<>(current);
            List<Decided> decided = new ArrayList<>();
            for (Received r : received) {
                for (AlertSignal alert : r.alerts()) {
                    IncidentSnapshot before = state.get(alert.fingerprint());
                    AlertRules.Decision decision = AlertRules.apply(before, alert, draft(alert, r.receivedAt(), now), r.receivedAt(), policy);
                    if (decision.incident() != null) {
                        state.put(alert.fingerprint(), decision.incident());
                    }
                    decided.add(new Decided(alert, r.causation(), before, decision));
                }
            }
            List<IncidentSnapshot> opened = state.values().stream().filter(i -> !i.persisted()).toList();
            List<Change> changed = state.values().stream()
                    .filter(i -> i.persisted() && !i.equals(current.get(i.fingerprint())))
                    .map(i -> new Change(current.get(i.fingerprint()), i, List.of(), List.of())).toList();
            return open(tx, opened)
                    .invoke(finals -> LOG.debugf("alerts: %d decided, %d opened, %d changed", decided.size(), opened.size(), changed.size()))
                    .chain(inserted -> {
                        Map<String, IncidentSnapshot> finals = new LinkedHashMap<>();
                        state.values().forEach(i -> finals.put(i.fingerprint(), i));
                        inserted.forEach(i -> finals.put(i.fingerprint(), i));
                        return work.store(tx, inserted, changed, timeline(decided, finals), events(decided, finals),
                                        new IncidentWork.Audited("ALERT", null))
                                .replaceWith(() -> decided.stream().map(d -> outcome(d, finals)).toList());
                    });
        });
    }

    /**
     * Stores the incidents the batch opens, in one insert, with their Tier 1 group and the change to suspect; returns
     * them numbered. Fails as a lost race when another replica opened one of their fingerprints first.
     */
    private Uni<List<IncidentSnapshot>> open(SqlConnection tx, List<IncidentSnapshot> opened) {
        if (opened.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<String> services = opened.stream().map(IncidentSnapshot::serviceCode).collect(Collectors.toSet());
        Duration window = config.triage().changeWindow();
        Instant earliest = opened.stream().map(IncidentSnapshot::openedAt).min(Instant::compareTo).orElseThrow();
        Instant latest = opened.stream().map(IncidentSnapshot::openedAt).max(Instant::compareTo).orElseThrow();
        return Uni.combine().all().unis(rows.tier1Groups(tx, services), rows.recentChanges(tx, services, earliest.minus(window), latest))
                .asTuple()
                .map(found -> opened.stream()
                        .map(i -> Openings.prepare(i, found.getItem1(), config.defaultAssignmentGroup(), found.getItem2(), window)).toList())
                .chain(prepared -> rows.insert(tx, prepared).map(numbers -> {
                    if (numbers.size() != prepared.size()) {
                        // Another replica opened an incident for one of these fingerprints first: decide again, seeing it.
                        throw new LostRace("an open incident appeared concurrently for one of " + prepared.size() + " new fingerprints");
                    }
                    return prepared.stream().map(i -> i.numbered(numbers.get(i.id()))).toList();
                }));
    }

    /** The incident an alert opens if it opens one; the number and the group are filled in when it is stored. */
    private IncidentSnapshot draft(AlertSignal alert, Instant receivedAt, Instant now) {
        AlertSeverity severity = AlertSeverity.of(alert.severity(), alert.labels());
        // The disruption began when the alert started, not when it reached us.
        Instant opened = alert.startsAt() != null && alert.startsAt().isBefore(receivedAt) ? alert.startsAt() : receivedAt;
        return new IncidentSnapshot(UUID.randomUUID(), null, false, alert.fingerprint(),
                Titles.fit(alert.summary() != null ? alert.summary() : alert.alertName()), alert.description(), alert.serviceCode(),
                SymptomSignature.of(alert.alertName()), alert.alertName(), alert.source() != null ? alert.source() : "alert", null, null,
                IncidentStatus.NEW, severity.impact(), severity.urgency(), PriorityMatrix.priority(severity.impact(), severity.urgency()),
                1, 0, AlertStatus.FIRING, receivedAt, opened, null, null, null, now)
                .with(b -> {
                    b.origin = IncidentOrigin.ALERT;
                    b.sla = SlaTiming.of(policy.sla().of(b.priority));
                });
    }

    /** What the timeline records of each alert that did something to its incident. */
    private static List<TimelineEntry> timeline(List<Decided> decided, Map<String, IncidentSnapshot> finals) {
        List<TimelineEntry> lines = new ArrayList<>();
        for (Decided d : decided) {
            IncidentSnapshot after = d.decision().incident();
            if (after == null) {
                continue;
            }
            IncidentSnapshot stored = finals.get(after.fingerprint());
            String actor = d.alert().source() != null ? d.alert().source() : "alert";
            Instant at = after.updatedAt();
            String reason = d.decision().reason();
            switch (d.decision().action()) {
                case OPENED -> lines.addAll(Openings.timeline(after.routedTo(stored.assignmentGroup()).suspecting(stored.suspectChange()),
                        actor, reason));
                case REOPENED, RESOLVED, ACKNOWLEDGED -> lines.add(TimelineEntry.status(d.before(), after, at, actor, reason));
                case RAISED -> lines.add(TimelineEntry.field(after, at, actor, "priority", d.before().priority(), after.priority(), reason));
                case NOTED -> lines.add(TimelineEntry.internal(after, at, actor, TimelineEntry.Kind.ALERT, reason));
                case COUNTED, IGNORED -> {
                    // the alert count records it
                }
            }
        }
        return lines;
    }

    private List<Outbox.Pending> events(List<Decided> decided, Map<String, IncidentSnapshot> finals) {
        List<Outbox.Pending> events = new ArrayList<>();
        for (Decided d : decided) {
            IncidentSnapshot after = d.decision().incident();
            if (after == null) {
                continue;
            }
            IncidentSnapshot stored = finals.get(after.fingerprint());
            String number = stored.number();
            String group = stored.assignmentGroup();
            String subject = after.id().toString();
            Causation causation = d.causation() != null ? d.causation() : Causation.rootedAt("alert:" + d.alert().fingerprint());
            String actor = d.alert().source() != null ? d.alert().source() : "alert";
            switch (d.decision().action()) {
                case OPENED -> events.add(outbox.pending(EventTypes.INCIDENT_OPENED, subject, new IncidentOpened(after.id(), number,
                        after.title(), after.serviceCode(), after.impact(), after.urgency(), after.priority(), after.signature(),
                        IncidentOrigin.ALERT, after.fingerprint(), group, after.reporterId(), after.openedAt()), causation));
                case REOPENED, RESOLVED, ACKNOWLEDGED -> events.add(outbox.pending(EventTypes.INCIDENT_STATUS_CHANGED, subject,
                        new IncidentStatusChanged(after.id(), number, after.serviceCode(), after.signature(), after.priority(),
                                d.before().status(), after.status(), actor, d.decision().reason(), after.updatedAt(),
                                after.reporterId(), group, after.assigneeId()), causation));
                case RAISED -> events.add(outbox.pending(EventTypes.INCIDENT_REPRIORITISED, subject, new IncidentReprioritised(
                        after.id(), number, after.serviceCode(), d.before().priority(), after.priority(), after.impact(),
                        after.urgency(), actor, d.decision().reason(), group, after.updatedAt()), causation));
                case COUNTED, NOTED, IGNORED -> {
                    // the incident records it; nobody else needs to hear of it
                }
            }
        }
        return events;
    }

    private static AlertOutcome outcome(Decided d, Map<String, IncidentSnapshot> finals) {
        IncidentSnapshot after = d.decision().incident();
        IncidentSnapshot stored = after == null ? null : finals.get(after.fingerprint());
        return new AlertOutcome(d.alert().fingerprint(), d.decision().action(), after == null ? null : after.id(),
                stored == null ? null : stored.number());
    }

    /** Lost a uniqueness race with another replica; the batch is decided again. */
    static final class LostRace extends RuntimeException implements Failures.Contended {
        LostRace(String message) {
            super(message);
        }
    }
}
