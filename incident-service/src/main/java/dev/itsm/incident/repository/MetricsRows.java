package dev.itsm.incident.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.itsm.kit.repository.SqlArrays.utc;

/**
 * Mean time to acknowledge (opening → first owned) and to resolve (opening → resolution) of the incidents opened in a
 * range, as SQL aggregates. Reopened incidents count with their final resolution; canceled ones only towards MTTA.
 */
@ApplicationScoped
public class MetricsRows {

    /** What incidents can be grouped by, and the column that holds it. */
    public enum Dimension {
        PRIORITY("priority"), SERVICE("service_code"), GROUP("assignment_group"), ASSIGNEE("assignee_id");

        final String column;

        Dimension(String column) {
            this.column = column;
        }
    }

    /** One group's figures; the means are null when nothing in the group was acknowledged or resolved. */
    public record Figures(String dimension, String key, long opened, long acknowledged, Double mttaSeconds, long resolved,
                          Double mttrSeconds) {
    }

    private static final String FIGURES = """
            count(*) as opened,
            count(acknowledged_at) as acknowledged,
            avg(extract(epoch from (acknowledged_at - opened_at)))::float8 as mtta,
            count(resolved_at) as resolved,
            avg(extract(epoch from (resolved_at - opened_at)))::float8 as mttr""";

    /** Figures per value of one dimension, for incidents opened in [from, to), optionally narrowed to one service. */
    public Uni<List<Figures>> by(SqlClient client, Dimension dimension, Instant from, Instant to, String serviceCode) {
        return client.preparedQuery("select " + dimension.column + " as key, " + FIGURES + """
                         from incident
                        where opened_at >= $1 and opened_at < $2 and ($3::text is null or service_code = $3)
                        group by 1 order by 1 nulls last""")
                .execute(Tuple.of(utc(from), utc(to), serviceCode))
                .map(rows -> {
                    List<Figures> figures = new ArrayList<>();
                    for (Row row : rows) {
                        figures.add(figures(dimension.name(), row));
                    }
                    return figures;
                });
    }

    /** Figures for every dimension at once, for incidents opened since {@code from} (the exported gauges). */
    public Uni<List<Figures>> all(SqlClient client, Instant from) {
        return client.preparedQuery("""
                        select case when grouping(priority) = 0 then 'PRIORITY' when grouping(service_code) = 0 then 'SERVICE'
                                    when grouping(assignment_group) = 0 then 'GROUP' else 'ASSIGNEE' end as dimension,
                               coalesce(priority, service_code, assignment_group, assignee_id) as key,
                        """ + FIGURES + """
                         from incident
                        where opened_at >= $1
                        group by grouping sets ((priority), (service_code), (assignment_group), (assignee_id))""")
                .execute(Tuple.of(utc(from)))
                .map(rows -> {
                    List<Figures> figures = new ArrayList<>();
                    for (Row row : rows) {
                        figures.add(figures(row.getString("dimension"), row));
                    }
                    return figures;
                });
    }

    private static Figures figures(String dimension, Row row) {
        return new Figures(dimension, row.getString("key"), row.getLong("opened"), row.getLong("acknowledged"), row.getDouble("mtta"),
                row.getLong("resolved"), row.getDouble("mttr"));
    }
}
