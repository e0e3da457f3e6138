package dev.itsm.kit.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.directory.ServiceChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.itsm.kit.repository.SqlArrays.utc;

/**
 * The directory copy read set-based on the caller's SQL-client transaction: each method answers for many roles,
 * groups, services or people in one statement, for consumers that handle a whole poll at a time.
 * {@link DirectoryProjection} keeps the copy and answers one question at a time in a Hibernate session.
 */
@ApplicationScoped
public class DirectoryLookups {
    private final ObjectMapper mapper;

    DirectoryLookups(EventCodec codec) {
        this.mapper = codec.mapper();
    }

    /** Active people holding each role (for any service), by role. */
    public Uni<Map<String, List<PersonChanged>>> peopleWithRoles(SqlConnection tx, Collection<String> roles) {
        if (roles.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return grouped(tx, """
                select distinct r.assignment ->> 'role', d.entry_key, cast(d.payload as text)
                from directory_entry d cross join lateral jsonb_array_elements(d.payload -> 'roles') as r(assignment)
                where d.kind = 'person' and (d.payload ->> 'active')::boolean and r.assignment ->> 'role' = any($1)
                order by 1, 2""", Tuple.of(roles.toArray(String[]::new)));
    }

    /** Active members of each group, by group code. */
    public Uni<Map<String, List<PersonChanged>>> peopleInGroups(SqlConnection tx, Collection<String> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return grouped(tx, """
                select distinct g.code, d.entry_key, cast(d.payload as text)
                from directory_entry d cross join lateral jsonb_array_elements_text(d.payload -> 'groupCodes') as g(code)
                where d.kind = 'person' and (d.payload ->> 'active')::boolean and g.code = any($1)
                order by 1, 2""", Tuple.of(groups.toArray(String[]::new)));
    }

    /** Active people on call for each group at the given time, by group code. */
    public Uni<Map<String, List<PersonChanged>>> onCall(SqlConnection tx, Collection<String> groups, Instant at) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return grouped(tx, """
                select distinct shift.payload ->> 'groupCode', person.entry_key, cast(person.payload as text)
                from directory_entry shift
                join directory_entry person on person.entry_key = 'person:' || (shift.payload ->> 'personId')
                where shift.kind = 'oncall' and shift.payload ->> 'groupCode' = any($1)
                  and (shift.payload ->> 'active')::boolean
                  and (shift.payload ->> 'startsAt')::timestamptz <= $2 and (shift.payload ->> 'endsAt')::timestamptz > $2
                  and (person.payload ->> 'active')::boolean
                order by 1, 2""", Tuple.of(groups.toArray(String[]::new), utc(at)));
    }

    /** The services known to the copy, by code. */
    public Uni<Map<String, ServiceChanged>> services(SqlConnection tx, Collection<String> codes) {
        return entries(tx, codes.stream().map(DirectoryKeys::service).toList(), ServiceChanged.class)
                .map(found -> {
                    Map<String, ServiceChanged> byCode = new LinkedHashMap<>();
                    found.forEach(s -> byCode.put(s.code(), s));
                    return byCode;
                });
    }

    /** The people known to the copy (active or not), by id. */
    public Uni<Map<String, PersonChanged>> people(SqlConnection tx, Collection<String> ids) {
        return entries(tx, ids.stream().map(DirectoryKeys::person).toList(), PersonChanged.class)
                .map(found -> {
                    Map<String, PersonChanged> byId = new LinkedHashMap<>();
                    found.forEach(p -> byId.put(p.personId().toString(), p));
                    return byId;
                });
    }

    private <T> Uni<List<T>> entries(SqlConnection tx, List<String> keys, Class<T> type) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return tx.preparedQuery("select cast(payload as text) from directory_entry where entry_key = any($1)")
                .execute(Tuple.of(keys.stream().distinct().toArray(String[]::new)))
                .map(rows -> {
                    List<T> found = new ArrayList<>();
                    rows.forEach(row -> found.add(read(row.getString(0), type)));
                    return found;
                });
    }

    private Uni<Map<String, List<PersonChanged>>> grouped(SqlConnection tx, String sql, Tuple parameters) {
        return tx.preparedQuery(sql).execute(parameters).map(rows -> {
            Map<String, List<PersonChanged>> byKey = new LinkedHashMap<>();
            for (Row row : rows) {
                byKey.computeIfAbsent(row.getString(0), key -> new ArrayList<>()).add(read(row.getString(2), PersonChanged.class));
            }
            return byKey;
        });
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("directory entry is not a " + type.getSimpleName(), e);
        }
    }
}
