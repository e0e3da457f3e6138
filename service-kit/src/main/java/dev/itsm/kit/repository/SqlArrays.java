package dev.itsm.kit.repository;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Turns a list of rows into the column arrays of a set-based statement ({@code insert ... select * from
 * unnest($1::uuid[], $2::text[], ...)}), and PostgreSQL's timestamps to and from {@link Instant}: the reactive
 * client binds {@link OffsetDateTime} for {@code timestamptz}.
 */
public final class SqlArrays {
    private SqlArrays() {
    }

    public static <E, T> T[] column(List<E> rows, Function<E, T> field, IntFunction<T[]> array) {
        return rows.stream().map(field).toArray(array);
    }

    /** An enum as the text column stores it; null stays null. */
    public static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
