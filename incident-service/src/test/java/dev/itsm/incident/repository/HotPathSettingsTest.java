package dev.itsm.incident.repository;

import dev.itsm.infra.InfraTestResource;
import dev.itsm.kit.security.VerifiedTokenCache;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings of the kit that every request and every batch relies on to be cheap. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "incident-service"))
class HotPathSettingsTest {
    @Inject
    Pool pool;

    @Inject
    JWTParser parser;

    @Test
    void bearerTokensAreVerifiedThroughTheCacheOfVerifiedTokens() {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(VerifiedTokenCache.class);
    }

    /** The widest statements (the incident insert names every column) are prepared once per connection, not parsed each time. */

    @Test
    void aStatementLongerThanTheClientDefaultLimitStaysPrepared() {
        // 3,000+ characters: over the client's default limit of 2,048 for caching a prepared statement.
        String wide = "select " + IntStream.range(0, 200).mapToObj(i -> "$1::int + " + i + " as column_number_" + i)
                .collect(Collectors.joining(", "));
        assertThat(wide.length()).isGreaterThan(2_048);

        long prepared = pool.withConnection(connection -> connection.preparedQuery(wide).execute(Tuple.of(1))
                        .chain(() -> connection.preparedQuery(wide).execute(Tuple.of(2)))
                        .chain(() -> connection.preparedQuery("select count(*) from pg_prepared_statements where statement = $1")
                                .execute(Tuple.of(wide)))
                        .map(rows -> rows.iterator().next().getLong(0)))
                .await().atMost(Duration.ofSeconds(30));

        assertThat(prepared).as("the wide statement is kept prepared on its connection").isEqualTo(1);
    }
}
