package dev.itsm.incident.repository;

import dev.itsm.contracts.directory.DirectoryKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Look-ups in this service's copy of the directory, on the caller's transaction: groups, their members, and who holds
 * which role. Nothing here calls directory-service.
 */
@ApplicationScoped
public class DirectoryRows {

    /** A directory group: its role (SERVICE_DESK, TIER_2, ...) and its tier on the escalation ladder, if any. */
    public record Group(String code, String name, String role, Integer tier) {
    }

    /** An active person, and whether they hold the asked-for role for the asked-for service in particular. */
    public record Holder(String personId, String role, boolean forService) {
    }

    public Uni<Optional<Group>> group(SqlConnection tx, String code) {
        return tx.preparedQuery("""
                        select payload ->> 'code', payload ->> 'name', payload ->> 'role', (payload ->> 'tier')::int
                        from directory_entry where entry_key = $1 and kind = 'group'""")
                .execute(Tuple.of(DirectoryKeys.group(code)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Group(row.getString(0), row.getString(1), row.getString(2), row.getInteger(3)));
                });
    }

    /** Whether the person is an active member of the group. */
    public Uni<Boolean> isActiveMember(SqlConnection tx, String personId, String groupCode) {
        return tx.preparedQuery("""
                        select 1 from directory_entry
                        where entry_key = $1 and kind = 'person' and (payload ->> 'active')::boolean
                          and payload -> 'groupCodes' ? $2""")
                .execute(Tuple.of(DirectoryKeys.person(personId), groupCode))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Active people holding any of the roles, each role's holders for the given service first, then by directory key,
     * so the same directory always gives the same answer.
     */
    public Uni<Map<String, List<Holder>>> holders(SqlConnection tx, Collection<String> roles, String serviceCode) {
        return tx.preparedQuery("""
                        select p.payload ->> 'personId' as person_id, r.role,
                               bool_or(a ->> 'serviceCode' = $2) as for_service, min(p.entry_key) as entry_key
                        from unnest($1::text[]) as r(role)
                        join directory_entry p on p.kind = 'person' and (p.payload ->> 'active')::boolean
                        cross join lateral jsonb_array_elements(coalesce(p.payload -> 'roles', '[]'::jsonb)) as a
                        where a ->> 'role' = r.role and (a ->> 'serviceCode' is null or a ->> 'serviceCode' = $2)
                        group by p.payload ->> 'personId', r.role
                        order by r.role, for_service desc, entry_key""")
                .execute(Tuple.of(roles.toArray(String[]::new), serviceCode))
                .map(rows -> {
                    Map<String, List<Holder>> byRole = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byRole.computeIfAbsent(row.getString("role"), r -> new ArrayList<>())
                                .add(new Holder(row.getString("person_id"), row.getString("role"), row.getBoolean("for_service")));
                    }
                    return byRole;
                });
    }

    /** Active members of the groups that hold a group role (e.g. SERVICE_RESTORATION_TEAM), by directory key. */
    public Uni<List<String>> membersOfGroupsWithRole(SqlConnection tx, String groupRole) {
        return tx.preparedQuery("""
                        select distinct p.payload ->> 'personId' as person_id, p.entry_key
                        from directory_entry g
                        join directory_entry p on p.kind = 'person' and (p.payload ->> 'active')::boolean
                             and p.payload -> 'groupCodes' ? (g.payload ->> 'code')
                        where g.kind = 'group' and g.payload ->> 'role' = $1
                        order by p.entry_key""")
                .execute(Tuple.of(groupRole))
                .map(rows -> {
                    List<String> people = new ArrayList<>();
                    rows.forEach(row -> people.add(row.getString("person_id")));
                    return people;
                });
    }

    /** A group at a moment: whom to look for on its on-call rota. */
    public record Shift(String groupCode, java.time.Instant at) {
    }

    /**
     * Who is on call for each group at each moment, from the rota shifts in the directory copy: one active person per
     * asked shift (the first by directory key when shifts overlap); shifts nobody covers are absent.
     */
    public Uni<Map<Shift, String>> onCall(SqlConnection tx, List<Shift> shifts) {
        if (shifts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("""
                        select distinct on (x.ord) x.ord, person.payload ->> 'personId'
                        from unnest($1::text[], $2::timestamptz[]) with ordinality as x(group_code, at, ord)
                        join directory_entry shift on shift.kind = 'oncall' and shift.payload ->> 'groupCode' = x.group_code
                             and (shift.payload ->> 'active')::boolean
                             and (shift.payload ->> 'startsAt')::timestamptz <= x.at and (shift.payload ->> 'endsAt')::timestamptz > x.at
                        join directory_entry person on person.entry_key = 'person:' || (shift.payload ->> 'personId')
                             and (person.payload ->> 'active')::boolean
                        order by x.ord, person.entry_key""")
                .execute(Tuple.of(shifts.stream().map(Shift::groupCode).toArray(String[]::new),
                        shifts.stream().map(s -> dev.itsm.kit.repository.SqlArrays.utc(s.at())).toArray(java.time.OffsetDateTime[]::new)))
                .map(rows -> {
                    Map<Shift, String> onCall = new LinkedHashMap<>();
                    for (Row row : rows) {
                        onCall.put(shifts.get(row.getLong(0).intValue() - 1), row.getString(1));
                    }
                    return onCall;
                });
    }

    /** Which of these people are active in the directory. */
    public Uni<List<String>> activePeople(SqlConnection tx, Collection<String> personIds) {
        return tx.preparedQuery("""
                        select payload ->> 'personId' from directory_entry
                        where entry_key = any($1) and kind = 'person' and (payload ->> 'active')::boolean""")
                .execute(Tuple.of((Object) personIds.stream().map(DirectoryKeys::person).toArray(String[]::new)))
                .map(rows -> {
                    List<String> people = new ArrayList<>();
                    rows.forEach(row -> people.add(row.getString(0)));
                    return people;
                });
    }
}
