package dev.itsm.incident.repository;

import dev.itsm.incident.domain.TimelineEntry;
import dev.itsm.kit.rest.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.instant;
import static dev.itsm.kit.repository.SqlArrays.name;
import static dev.itsm.kit.repository.SqlArrays.utc;

/** Timelines: one insert for all the lines a piece of work writes; pages read in time order. */
@ApplicationScoped
public class TimelineRows {

    /** A stored line and its position. */
    public record Line(long id, TimelineEntry entry) {
    }

    public Uni<Void> insert(SqlConnection tx, List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into incident_timeline (incident_id, at, actor_id, kind, visibility, summary, field, from_value, to_value)
                        select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                             $8::text[], $9::text[])""")
                .execute(Tuple.from(List.of(
                        column(entries, TimelineEntry::incidentId, UUID[]::new),
                        column(entries, e -> utc(e.at()), OffsetDateTime[]::new),
                        column(entries, TimelineEntry::actorId, String[]::new),
                        column(entries, e -> name(e.kind()), String[]::new),
                        column(entries, e -> name(e.visibility()), String[]::new),
                        column(entries, TimelineEntry::summary, String[]::new),
                        column(entries, TimelineEntry::field, String[]::new),
                        column(entries, TimelineEntry::from, String[]::new),
                        column(entries, TimelineEntry::to, String[]::new))))
                .replaceWithVoid();
    }

    /** One page of an incident's timeline, oldest first; {@code customerOnly} leaves out internal lines. */
    public Uni<Page<Line>> page(SqlClient client, UUID incidentId, boolean customerOnly, int page, int size) {
        return client.preparedQuery("""
                        select id, at, actor_id, kind, visibility, summary, field, from_value, to_value, count(*) over () as total
                        from incident_timeline
                        where incident_id = $1 and ($2 = false or visibility = 'CUSTOMER')
                        order by at, id
                        limit $3 offset $4""")
                .execute(Tuple.of(incidentId, customerOnly, size, (long) page * size))
                .chain(rows -> {
                    List<Line> lines = new ArrayList<>();
                    long total = -1;
                    for (var row : rows) {
                        total = row.getLong("total");
                        lines.add(new Line(row.getLong("id"), new TimelineEntry(incidentId, instant(row, "at"), row.getString("actor_id"),
                                TimelineEntry.Kind.valueOf(row.getString("kind")),
                                TimelineEntry.Visibility.valueOf(row.getString("visibility")), row.getString("summary"),
                                row.getString("field"), row.getString("from_value"), row.getString("to_value"))));
                    }
                    if (total >= 0) {
                        return Uni.createFrom().item(new Page<>(lines, page, size, total));
                    }
                    // A page past the end still says how many lines there are.
                    return client.preparedQuery("select count(*) from incident_timeline where incident_id = $1 and ($2 = false or visibility = 'CUSTOMER')")
                            .execute(Tuple.of(incidentId, customerOnly))
                            .map(count -> new Page<>(lines, page, size, count.iterator().next().getLong(0)));
                });
    }
}
