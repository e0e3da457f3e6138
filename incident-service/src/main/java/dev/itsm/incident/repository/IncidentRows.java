package dev.itsm.incident.repository;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.alert.AlertStatus;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.incident.domain.IncidentSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.instant;
import static dev.itsm.kit.repository.SqlArrays.name;
import static dev.itsm.kit.repository.SqlArrays.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The set-based SQL of incidents on the hot paths (alerts in, REST create): each method is one statement for the whole
 * batch, on the caller's transaction.
 */
@ApplicationScoped
public class IncidentRows {
    private static final String COLUMNS = """
            id, number, alert_fingerprint, title, description, service_code, signature, alert_name, reporter_id,
            assignment_group, assignee_id, status, impact, urgency, priority, alert_count, flap_count, alert_state,
            last_alert_at, opened_at, acknowledged_at, resolved_at, resolution, updated_at""";

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

    /** The Tier 1 group the directory names for each service (services without one are absent). */
    public Uni<Map<String, String>> tier1Groups(SqlConnection tx, Collection<String> serviceCodes) {
        String[] keys = serviceCodes.stream().distinct().map(DirectoryKeys::service).toArray(String[]::new);
        return tx.preparedQuery("""
                        select payload ->> 'code', payload ->> 'tier1Group' from directory_entry
                        where entry_key = any($1) and coalesce(payload ->> 'tier1Group', '') <> ''""")
                .execute(Tuple.of((Object) keys))
                .map(rows -> {
                    Map<String, String> groups = new HashMap<>();
                    rows.forEach(row -> groups.put(row.getString(0), row.getString(1)));
                    return groups;
                });
    }

    /**
     * Inserts the incidents in one statement, numbering them from the sequence; returns id → number of those
     * inserted. An alert incident whose fingerprint already has an open incident (another replica won the race)
     * is not inserted and is missing from the answer.
     */
    public Uni<Map<UUID, String>> insert(SqlConnection tx, List<IncidentSnapshot> incidents, IncidentOrigin origin) {
        if (incidents.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("""
                        insert into incident (id, number, alert_fingerprint, title, description, service_code, signature, alert_name,
                                              reporter_id, assignment_group, assignee_id, status, impact, urgency, priority,
                                              alert_count, flap_count, alert_state, last_alert_at, opened_at, acknowledged_at,
                                              resolved_at, resolution, updated_at, origin, version)
                        select x.id, 'INC' || lpad(x.n::text, greatest(7, length(x.n::text)), '0'), x.fingerprint, x.title,
                               x.description, x.service_code, x.signature, x.alert_name, x.reporter_id, x.assignment_group,
                               x.assignee_id, x.status, x.impact, x.urgency, x.priority, x.alert_count, x.flap_count, x.alert_state,
                               x.last_alert_at, x.opened_at, x.acknowledged_at, x.resolved_at, x.resolution, x.updated_at, $24, 0
                        from (select u.*, nextval('incident_number_seq') as n
                              from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                          $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                                          $15::int[], $16::int[], $17::text[], $18::timestamptz[], $19::timestamptz[],
                                          $20::timestamptz[], $21::timestamptz[], $22::text[], $23::timestamptz[])
                                   as u(id, fingerprint, title, description, service_code, signature, alert_name, reporter_id,
                                        assignment_group, assignee_id, status, impact, urgency, priority, alert_count, flap_count,
                                        alert_state, last_alert_at, opened_at, acknowledged_at, resolved_at, resolution, updated_at)
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
                        origin.name())))
                .map(rows -> {
                    Map<UUID, String> numbers = new LinkedHashMap<>();
                    rows.forEach(row -> numbers.put(row.getUUID(0), row.getString(1)));
                    return numbers;
                });
    }

    /** Writes what the alerts changed on locked, existing incidents, in one statement. */
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
                               version = i.version + 1
                          from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[],
                                      $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::timestamptz[])
                               as x(id, status, impact, urgency, priority, alert_count, flap_count, alert_state, last_alert_at,
                                    acknowledged_at, resolved_at, resolution, updated_at)
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
                        column(incidents, i -> utc(i.updatedAt()), OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    private static IncidentSnapshot read(Row row) {
        return new IncidentSnapshot(row.getUUID("id"), row.getString("number"), true, row.getString("alert_fingerprint"),
                row.getString("title"), row.getString("description"), row.getString("service_code"), row.getString("signature"),
                row.getString("alert_name"), row.getString("reporter_id"), row.getString("assignment_group"),
                row.getString("assignee_id"), IncidentStatus.valueOf(row.getString("status")), Impact.valueOf(row.getString("impact")),
                Urgency.valueOf(row.getString("urgency")), Priority.valueOf(row.getString("priority")), row.getInteger("alert_count"),
                row.getInteger("flap_count"), row.getString("alert_state") == null ? null : AlertStatus.valueOf(row.getString("alert_state")),
                instant(row, "last_alert_at"), instant(row, "opened_at"), instant(row, "acknowledged_at"),
                instant(row, "resolved_at"), row.getString("resolution"), instant(row, "updated_at"));
    }


}
