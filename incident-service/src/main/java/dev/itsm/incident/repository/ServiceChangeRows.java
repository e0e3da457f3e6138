package dev.itsm.incident.repository;

import dev.itsm.incident.domain.ServiceChanges;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static dev.itsm.kit.repository.SqlArrays.column;
import static dev.itsm.kit.repository.SqlArrays.utc;

/** This service's copy of changes: one upsert per poll; a first-seen implementation start is never moved. */
@ApplicationScoped
public class ServiceChangeRows {
    private final Pool pool;

    ServiceChangeRows(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> upsert(SqlConnection tx, List<ServiceChanges.Known> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        insert into service_change as c (change_id, number, service_code, status, implementation_started_at,
                                                         implemented_at, last_activity_at)
                        select x.change_id, x.number, x.service_code, x.status, x.started, x.implemented,
                               greatest(x.started, x.implemented)
                        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
                             as x(change_id, number, service_code, status, started, implemented)
                        -- Only changes that reached implementation matter to triage.
                        where x.started is not null or x.implemented is not null
                        on conflict (change_id) do update set
                            number = coalesce(excluded.number, c.number),
                            service_code = excluded.service_code,
                            status = coalesce(excluded.status, c.status),
                            implementation_started_at = coalesce(c.implementation_started_at, excluded.implementation_started_at),
                            implemented_at = coalesce(excluded.implemented_at, c.implemented_at),
                            last_activity_at = greatest(c.last_activity_at, excluded.last_activity_at)""")
                .execute(Tuple.from(List.of(
                        column(changes, ServiceChanges.Known::changeId, UUID[]::new),
                        column(changes, ServiceChanges.Known::number, String[]::new),
                        column(changes, ServiceChanges.Known::serviceCode, String[]::new),
                        column(changes, ServiceChanges.Known::status, String[]::new),
                        column(changes, c -> utc(c.implementationStartedAt()), OffsetDateTime[]::new),
                        column(changes, c -> utc(c.implementedAt()), OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    public Uni<Integer> forgetBefore(Instant cutoff) {
        return pool.preparedQuery("delete from service_change where last_activity_at < $1")
                .execute(Tuple.of(utc(cutoff))).map(io.vertx.mutiny.sqlclient.SqlResult::rowCount);
    }
}
