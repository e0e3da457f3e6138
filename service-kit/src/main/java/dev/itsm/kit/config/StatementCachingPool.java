package dev.itsm.kit.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * The pool Quarkus configures, with one setting it has no property for: the longest SQL text whose prepared statement
 * is cached per connection. The client's default (2,048 characters) left the widest statements, such as the incident
 * insert with its column list, to be parsed by PostgreSQL on every execution.
 */
@Singleton
public class StatementCachingPool implements PgPoolCreator {
    /** Longer than any statement the services write; statements are fixed texts, so the cache stays bounded. */
    static final int CACHED_SQL_LIMIT = 16_384;

    @Override
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(options -> options.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT));
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
