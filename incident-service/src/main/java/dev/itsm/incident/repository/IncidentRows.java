package dev.itsm.incident.repository;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.incident.domain.ChangeTriage;
import dev.itsm.incident.domain.Escalation;
import dev.itsm.incident.domain.IncidentSnapshot;
import dev.itsm.incident.domain.SlaTiming;
import dev.itsm.incident.domain.SuspectChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.instant;
import static dev.itsm.kit.repository.SqlArrays.name;
import static dev.itsm.kit.repository.SqlArrays.utc;

/**
 * The set-based SQL of incidents on the write paths (alerts in, REST create and steps, SLA timers): each method is one
 * statement for the whole batch, on the caller's transaction.
 */
@ApplicationScoped
public class IncidentRows {
    private static final List<String> COLUMN_NAMES = List.of("id", "number", "alert_fingerprint", "title", "description",
            "service_code", "signature", "alert_name", "reporter_id", "assignment_group", "assignee_id", "status", "impact",
            "urgency", "priority", "alert_count", "flap_count", "alert_state", "last_alert_at", "opened_at", "acknowledged_at",
            "resolved_at", "resolution", "updated_at", "origin", "category", "hold_reason", "closed_at", "escalation_tier",
            "own_target_seconds", "resolve_target_seconds", "own_paused_ms", "resolve_paused_ms", "on_hold_since",
            "suspect_change_id", "suspect_change_number", "suspect_change_at", "major", "problem_id", "version");
    static final String COLUMNS = columns(null);

    /** The columns {@link #read} reads, qualified by a table alias when one is given. */
    static String columns(String alias) {
        return String.join(", ", COLUMN_NAMES.stream().map(c -> alias == null ? c : alias + "." + c).toList());
    }

    /**
     * Locks and returns, per fingerprint, its open incident, or else its latest incident resolved since
     * {@code resolvedSince} (for flap damping). Rows are locked in fingerprint order, so two transactions
     * over overlapping fingerprints wait for each other instead of deadlocking.
     */
    public Uni<Map<String, IncidentSnapshot>> lockByFingerprint(SqlConnection tx, Collection<String> fingerprints, Instant resolvedSince) {
        String[] keys = fingerprints.stream().sorted().toArray(String[]::new);
        return tx.preparedQuery("select " + COLUMNS + """
                         from incident
                        where alert_fingerprint = any($1)
                          and (status in ('NEW', 'IN_PROGRESS', 'ON_HOLD') or (status = 'RESOLVED' and resolved_at >= $2))
                        order by alert_fingerprint, status = 'RESOLVED', resolved_at desc
                        for update""")
                .execute(Tuple.of(keys, utc(resolvedSince)))
                .map(rows -> {
                    Map<String, IncidentSnapshot> byFingerprint = new HashMap<>();
                    for (Row row : rows) {
                        byFingerprint.putIfAbsent(row.getString("alert_fingerprint"), read(row));
                    }
                    return byFingerprint;
                });
    }

    /** Locks one incident for a step. */
    public Uni<Optional<IncidentSnapshot>> lock(SqlConnection tx, UUID id) {
        return tx.preparedQuery("select " + COLUMNS + " from incident where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.<IncidentSnapshot>empty() : Optional.of(read(rows.iterator().next())));
    }

    /** Reads one incident without locking it. */
    public Uni<Optional<IncidentSnapshot>> find(io.vertx.mutiny.sqlclient.SqlClient client, UUID id) {
        return client.preparedQuery("select " + COLUMNS + " from incident where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.<IncidentSnapshot>empty() : Optional.of(read(rows.iterator().next())));
    }

    /** The Tier 1 group the directory names for each service (services without one are absent). */
    public Uni<Map<String, String>> tier1Groups(SqlConnection tx, Collection<String> serviceCodes) {
        return ladders(tx, serviceCodes).map(ladders -> {
            Map<String, String> groups = new HashMap<>();
            ladders.forEach((service, ladder) -> {
                if (ladder.tier1() != null && !ladder.tier1().isBlank()) {
                    groups.put(service, ladder.tier1());
                }
            });
            return groups;
        });
    }

    /** Each service's support ladder as the directory copy names it (services the copy does not know are absent). */
    public Uni<Map<String, Escalation.Ladder>> ladders(SqlConnection tx, Collection<String> serviceCodes) {
        String[] keys = serviceCodes.stream().distinct().map(DirectoryKeys::service).toArray(String[]::new);
        return tx.preparedQuery("""
                        select payload ->> 'code', nullif(payload ->> 'tier1Group', ''), nullif(payload ->> 'tier2Group', ''),
                               nullif(payload ->> 'tier3Group', '')
                        from directory_entry where entry_key = any($1)""")
                .execute(Tuple.of((Object) keys))
                .map(rows -> {
                    Map<String, Escalation.Ladder> ladders = new HashMap<>();
                    rows.forEach(row -> ladders.put(row.getString(0),
                            new Escalation.Ladder(row.getString(1), row.getString(2), row.getString(3))));
                    return ladders;
                });
    }

    /** Changes on these services whose implementation began or completed between {@code from} and {@code to}: what triage picks from. */
    public Uni<List<ChangeTriage.RecentChange>> recentChanges(SqlConnection tx, Collection<String> serviceCodes, Instant from, Instant to) {
        return tx.preparedQuery("""
                        select change_id, number, service_code, implementation_started_at, implemented_at from service_change
                        where service_code = any($1) and last_activity_at >= $2
                          and (implementation_started_at <= $3 or implemented_at <= $3)""")
                .execute(Tuple.of(serviceCodes.stream().distinct().toArray(String[]::new), utc(from), utc(to)))
                .map(rows -> {
                    List<ChangeTriage.RecentChange> changes = new ArrayList<>();
                    rows.forEach(row -> changes.add(new ChangeTriage.RecentChange(row.getUUID(0), row.getString(1), row.getString(2),
                            instant(row, "implementation_started_at"), instant(row, "implemented_at"))));
                    return changes;
                });
    }

    /**
     * Inserts the incidents in one statement, numbering them from the sequence; returns id → number of those
     * inserted. An alert incident whose fingerprint already has an open incident (another replica won the race)
     * is not inserted and is missing from the answer.
     */
    public Uni<Map<UUID, String>> insert(SqlConnection tx, List<IncidentSnapshot> incidents) {
        if (incidents.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("""
                        insert into incident (id, number, alert_fingerprint, title, description, service_code, signature, alert_name,
                                              reporter_id, assignment_group, assignee_id, status, impact, urgency, priority,
                                              alert_count, flap_count, alert_state, last_alert_at, opened_at, acknowledged_at,
                                              resolved_at, resolution, updated_at, origin, category, escalation_tier,
                                              own_target_seconds, resolve_target_seconds, suspect_change_id,
                                              suspect_change_number, suspect_change_at, version)
                        select x.id, 'INC' || lpad(x.n::text, greatest(7, length(x.n::text)), '0'), x.fingerprint, x.title,
                               x.description, x.service_code, x.signature, x.alert_name, x.reporter_id, x.assignment_group,
                               x.assignee_id, x.status, x.impact, x.urgency, x.priority, x.alert_count, x.flap_count, x.alert_state,
                               x.last_alert_at, x.opened_at, x.acknowledged_at, x.resolved_at, x.resolution, x.updated_at, x.origin,
                               x.category, x.escalation_tier, x.own_target_seconds, x.resolve_target_seconds, x.suspect_change_id,
                               x.suspect_change_number, x.suspect_change_at, 0
                        from (select u.*, nextval('incident_number_seq') as n
                              from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                          $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                                          $15::int[], $16::int[], $17::text[], $18::timestamptz[], $19::timestamptz[],
                                          $20::timestamptz[], $21::timestamptz[], $22::text[], $23::timestamptz[], $24::text[],
                                          $25::text[], $26::int[], $27::bigint[], $28::bigint[], $29::uuid[], $30::text[],
                                          $31::timestamptz[])
                                   as u(id, fingerprint, title, description, service_code, signature, alert_name, reporter_id,
                                        assignment_group, assignee_id, status, impact, urgency, priority, alert_count, flap_count,
                                        alert_state, last_alert_at, opened_at, acknowledged_at, resolved_at, resolution, updated_at,
                                        origin, category, escalation_tier, own_target_seconds, resolve_target_seconds,
                                        suspect_change_id, suspect_change_number, suspect_change_at)
                             ) x
                        on conflict do nothing
                        returning id, number""")
                .execute(Tuple.from(List.of(
                        column(incidents, IncidentSnapshot::id, UUID[]::new),
                        column(incidents, IncidentSnapshot::fingerprint, String[]::new),
                        column(incidents, IncidentSnapshot::title, String[]::new),
                        column(incidents, IncidentSnapshot::description, String[]::new),
                        column(incidents, IncidentSnapshot::serviceCode, String[]::new),
                        column(incidents, IncidentSnapshot::signature, String[]::new),
                        column(incidents, IncidentSnapshot::alertName, String[]::new),
                        column(incidents, IncidentSnapshot::reporterId, String[]::new),
                        column(incidents, IncidentSnapshot::assignmentGroup, String[]::new),
                        column(incidents, IncidentSnapshot::assigneeId, String[]::new),
                        column(incidents, i -> name(i.status()), String[]::new),
                        column(incidents, i -> name(i.impact()), String[]::new),
                        column(incidents, i -> name(i.urgency()), String[]::new),
                        column(incidents, i -> name(i.priority()), String[]::new),
                        column(incidents, IncidentSnapshot::alertCount, Integer[]::new),
                        column(incidents, IncidentSnapshot::flapCount, Integer[]::new),
                        column(incidents, i -> name(i.alertState()), String[]::new),
                        column(incidents, i -> utc(i.lastAlertAt()), OffsetDateTime[]::new),
                        column(incidents, i -> utc(i.openedAt()), OffsetDateTime[]::new),
                        column(incidents, i -> utc(i.acknowledgedAt()), OffsetDateTime[]::new),
                        column(incidents, i -> utc(i.resolvedAt()), OffsetDateTime[]::new),
                        column(incidents, IncidentSnapshot::resolution, String[]::new),
                        column(incidents, i -> utc(i.updatedAt()), OffsetDateTime[]::new),
                        column(incidents, i -> name(i.origin()), String[]::new),
                        column(incidents, IncidentSnapshot::category, String[]::new),
                        column(incidents, IncidentSnapshot::escalationTier, Integer[]::new),
                        column(incidents, i -> seconds(i.sla().ownTarget()), Long[]::new),
                        column(incidents, i -> seconds(i.sla().resolveTarget()), Long[]::new),
                        column(incidents, i -> suspect(i, SuspectChange::changeId), UUID[]::new),
                        column(incidents, i -> suspect(i, SuspectChange::number), String[]::new),
                        column(incidents, i -> utc(suspect(i, SuspectChange::implementedAt)), OffsetDateTime[]::new))))
                .map(rows -> {
                    Map<UUID, String> numbers = new LinkedHashMap<>();
                    rows.forEach(row -> numbers.put(row.getUUID(0), row.getString(1)));
                    return numbers;
                });
    }

    /** Writes what changed on locked, existing incidents, in one statement. Problem links are not written here. */
    public Uni<Void> update(SqlConnection tx, List<IncidentSnapshot> incidents) {
        if (incidents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        update incident i
                           set status = x.status, impact = x.impact, urgency = x.urgency, priority = x.priority,
                               alert_count = x.alert_count, flap_count = x.flap_count, alert_state = x.alert_state,
                               last_alert_at = x.last_alert_at, acknowledged_at = x.acknowledged_at,
                               resolved_at = x.resolved_at, resolution = x.resolution, updated_at = x.updated_at,
                               title = x.title, description = x.description, category = x.category,
                               assignment_group = x.assignment_group, assignee_id = x.assignee_id,
                               escalation_tier = x.escalation_tier, hold_reason = x.hold_reason, closed_at = x.closed_at,
                               own_target_seconds = x.own_target_seconds, resolve_target_seconds = x.resolve_target_seconds,
                               own_paused_ms = x.own_paused_ms, resolve_paused_ms = x.resolve_paused_ms,
                               on_hold_since = x.on_hold_since, major = x.major,
                               version = i.version + 1
                          from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[],
                                      $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::timestamptz[],
                                      $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::int[], $20::text[],
                                      $21::timestamptz[], $22::bigint[], $23::bigint[], $24::bigint[], $25::bigint[],
                                      $26::timestamptz[], $27::bool[])
                               as x(id, status, impact, urgency, priority, alert_count, flap_count, alert_state, last_alert_at,
                                    acknowledged_at, resolved_at, resolution, updated_at, title, description, category,
                                    assignment_group, assignee_id, escalation_tier, hold_reason, closed_at, own_target_seconds,
                                    resolve_target_seconds, own_paused_ms, resolve_paused_ms, on_hold_since, major)
                         where i.id = x.id""")
                .execute(Tuple.from(List.of(
                        column(incidents, IncidentSnapshot::id, UUID[]::new),
                        column(incidents, i -> name(i.status()), String[]::new),
                        column(incidents, i -> name(i.impact()), String[]::new),
                        column(incidents, i -> name(i.urgency()), String[]::new),
                        column(incidents, i -> name(i.priority()), String[]::new),
                        column(incidents, IncidentSnapshot::alertCount, Integer[]::new),
                        column(incidents, IncidentSnapshot::flapCount, Integer[]::new),
                        column(incidents, i -> name(i.alertState()), String[]::new),
                        column(incidents, i -> utc(i.lastAlertAt()), OffsetDateTime[]::new),
                        column(incidents, i -> utc(i.acknowledgedAt()), OffsetDateTime[]::new),
                        column(incidents, i -> utc(i.resolvedAt()), OffsetDateTime[]::new),
                        column(incidents, IncidentSnapshot::resolution, String[]::new),
                        column(incidents, i -> utc(i.updatedAt()), OffsetDateTime[]::new),
                        column(incidents, IncidentSnapshot::title, String[]::new),
                        column(incidents, IncidentSnapshot::description, String[]::new),
                        column(incidents, IncidentSnapshot::category, String[]::new),
                        column(incidents, IncidentSnapshot::assignmentGroup, String[]::new),
                        column(incidents, IncidentSnapshot::assigneeId, String[]::new),
                        column(incidents, IncidentSnapshot::escalationTier, Integer[]::new),
                        column(incidents, IncidentSnapshot::holdReason, String[]::new),
                        column(incidents, i -> utc(i.closedAt()), OffsetDateTime[]::new),
                        column(incidents, i -> seconds(i.sla().ownTarget()), Long[]::new),
                        column(incidents, i -> seconds(i.sla().resolveTarget()), Long[]::new),
                        column(incidents, i -> i.sla().ownPausedMs(), Long[]::new),
                        column(incidents, i -> i.sla().resolvePausedMs(), Long[]::new),
                        column(incidents, i -> utc(i.sla().onHoldSince()), OffsetDateTime[]::new),
                        column(incidents, IncidentSnapshot::major, Boolean[]::new))))
                .replaceWithVoid();
    }

    public static IncidentSnapshot read(Row row) {
        UUID changeId = row.getUUID("suspect_change_id");
        return new IncidentSnapshot(row.getUUID("id"), row.getString("number"), true, row.getString("alert_fingerprint"),
                row.getString("title"), row.getString("description"), row.getString("service_code"), row.getString("signature"),
                row.getString("alert_name"), row.getString("reporter_id"), row.getString("assignment_group"),
                row.getString("assignee_id"), IncidentStatus.valueOf(row.getString("status")), Impact.valueOf(row.getString("impact")),
                Urgency.valueOf(row.getString("urgency")), Priority.valueOf(row.getString("priority")), row.getInteger("alert_count"),
                row.getInteger("flap_count"), row.getString("alert_state") == null ? null : AlertStatus.valueOf(row.getString("alert_state")),
                instant(row, "last_alert_at"), instant(row, "opened_at"), instant(row, "acknowledged_at"),
                instant(row, "resolved_at"), row.getString("resolution"), instant(row, "updated_at"),
                row.getString("origin") == null ? null : IncidentOrigin.valueOf(row.getString("origin")), row.getString("category"),
                row.getString("hold_reason"), instant(row, "closed_at"), row.getInteger("escalation_tier"),
                new SlaTiming(duration(row.getLong("own_target_seconds")), duration(row.getLong("resolve_target_seconds")),
                        row.getLong("own_paused_ms"), row.getLong("resolve_paused_ms"), instant(row, "on_hold_since")),
                changeId == null ? null : new SuspectChange(changeId, row.getString("suspect_change_number"),
                        instant(row, "suspect_change_at")),
                row.getBoolean("major"), row.getUUID("problem_id"), row.getLong("version"));
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static Duration duration(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static <T> T suspect(IncidentSnapshot i, Function<SuspectChange, T> field) {
        return i.suspectChange() == null ? null : field.apply(i.suspectChange());
    }
}
