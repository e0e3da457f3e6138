package dev.itsm.incident.repository;

import dev.itsm.contracts.incident.MajorIncidentRole;
import dev.itsm.contracts.incident.ReviewAction;
import dev.itsm.kit.rest.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.itsm.kit.repository.SqlArrays.instant;
import static dev.itsm.kit.repository.SqlArrays.utc;

/** Major incidents: the declaration and its team, stakeholder updates, and the post-incident review. */
@ApplicationScoped
public class MajorIncidentRows {

    /** A major incident as stored. */
    public record Major(UUID incidentId, String status, String declaredBy, Instant declaredAt, String reason,
                        List<MajorIncidentRole> team, String reviewedBy, Instant reviewedAt, String reviewSummary,
                        List<String> contributingFactors, List<ReviewAction> actions) {
    }

    /** A stakeholder update as stored. */
    public record Update(UUID id, String authorId, String message, Instant postedAt) {
    }

    public Uni<Void> declare(SqlConnection tx, UUID incidentId, String declaredBy, Instant at, String reason, List<MajorIncidentRole> team) {
        return tx.preparedQuery("""
                        insert into major_incident (incident_id, status, declared_by, declared_at, reason)
                        values ($1, 'ACTIVE', $2, $3, $4)""")
                .execute(Tuple.of(incidentId, declaredBy, utc(at), reason))
                .chain(() -> team.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                                insert into major_incident_role (incident_id, role, person_id)
                                select $1, * from unnest($2::text[], $3::text[]) on conflict do nothing""")
                        .execute(Tuple.of(incidentId, team.stream().map(MajorIncidentRole::role).toArray(String[]::new),
                                team.stream().map(MajorIncidentRole::personId).toArray(String[]::new)))
                        .replaceWithVoid());
    }

    public Uni<Void> addUpdate(SqlConnection tx, UUID incidentId, Update update) {
        return tx.preparedQuery("insert into stakeholder_update (id, incident_id, author_id, message, posted_at) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(update.id(), incidentId, update.authorId(), update.message(), utc(update.postedAt())))
                .replaceWithVoid();
    }

    public Uni<Void> review(SqlConnection tx, UUID incidentId, String reviewedBy, Instant at, String summary, List<String> factors,
                            List<ReviewAction> actions) {
        Uni<Void> head = tx.preparedQuery("""
                        update major_incident set status = 'REVIEWED', reviewed_by = $2, reviewed_at = $3, review_summary = $4
                        where incident_id = $1""")
                .execute(Tuple.of(incidentId, reviewedBy, utc(at), summary)).replaceWithVoid();
        Uni<Void> factorRows = tx.preparedQuery("""
                        insert into review_factor (incident_id, position, text)
                        select $1, * from unnest($2::int[], $3::text[])""")
                .execute(Tuple.of(incidentId, IntStream.range(0, factors.size()).boxed().toArray(Integer[]::new),
                        factors.toArray(String[]::new)))
                .replaceWithVoid();
        Uni<Void> actionRows = actions.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                        insert into review_action (incident_id, position, description, owner_id, due_date)
                        select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::date[])""")
                .execute(Tuple.of(incidentId, IntStream.range(0, actions.size()).boxed().toArray(Integer[]::new),
                        actions.stream().map(ReviewAction::description).toArray(String[]::new),
                        actions.stream().map(ReviewAction::ownerId).toArray(String[]::new),
                        actions.stream().map(ReviewAction::dueDate).toArray(LocalDate[]::new)))
                .replaceWithVoid();
        return head.chain(() -> factorRows).chain(() -> actionRows);
    }

    public Uni<Optional<Major>> find(SqlClient client, UUID incidentId) {
        return client.preparedQuery("""
                        select m.status, m.declared_by, m.declared_at, m.reason, m.reviewed_by, m.reviewed_at, m.review_summary,
                               (select coalesce(json_agg(json_build_object('role', r.role, 'personId', r.person_id)
                                                         order by r.role, r.person_id), '[]'::json)
                                from major_incident_role r where r.incident_id = m.incident_id) as team,
                               (select coalesce(json_agg(f.text order by f.position), '[]'::json)
                                from review_factor f where f.incident_id = m.incident_id) as factors,
                               (select coalesce(json_agg(json_build_object('description', a.description, 'ownerId', a.owner_id,
                                                                           'dueDate', a.due_date) order by a.position), '[]'::json)
                                from review_action a where a.incident_id = m.incident_id) as actions
                        from major_incident m where m.incident_id = $1""")
                .execute(Tuple.of(incidentId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    List<MajorIncidentRole> team = new ArrayList<>();
                    row.getJsonArray("team").forEach(o -> {
                        io.vertx.core.json.JsonObject r = (io.vertx.core.json.JsonObject) o;
                        team.add(new MajorIncidentRole(r.getString("role"), r.getString("personId")));
                    });
                    List<String> factors = new ArrayList<>();
                    row.getJsonArray("factors").forEach(o -> factors.add((String) o));
                    List<ReviewAction> actions = new ArrayList<>();
                    row.getJsonArray("actions").forEach(o -> {
                        io.vertx.core.json.JsonObject a = (io.vertx.core.json.JsonObject) o;
                        actions.add(new ReviewAction(a.getString("description"), a.getString("ownerId"),
                                a.getString("dueDate") == null ? null : LocalDate.parse(a.getString("dueDate"))));
                    });
                    return Optional.of(new Major(incidentId, row.getString("status"), row.getString("declared_by"),
                            instant(row, "declared_at"), row.getString("reason"), team, row.getString("reviewed_by"),
                            instant(row, "reviewed_at"), row.getString("review_summary"), factors, actions));
                });
    }

    public Uni<Page<Update>> updates(SqlClient client, UUID incidentId, int page, int size) {
        return client.preparedQuery("""
                        select id, author_id, message, posted_at, count(*) over () as total from stakeholder_update
                        where incident_id = $1 order by posted_at, id limit $2 offset $3""")
                .execute(Tuple.of(incidentId, size, (long) page * size))
                .chain(rows -> {
                    List<Update> updates = new ArrayList<>();
                    long total = -1;
                    for (Row row : rows) {
                        total = row.getLong("total");
                        updates.add(new Update(row.getUUID("id"), row.getString("author_id"), row.getString("message"),
                                instant(row, "posted_at")));
                    }
                    if (total >= 0) {
                        return Uni.createFrom().item(new Page<>(updates, page, size, total));
                    }
                    return client.preparedQuery("select count(*) from stakeholder_update where incident_id = $1")
                            .execute(Tuple.of(incidentId))
                            .map(count -> new Page<>(updates, page, size, count.iterator().next().getLong(0)));
                });
    }
}
