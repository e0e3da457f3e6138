package dev.itsm.kit.security;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.domain.ApiProblem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may take which action on which records: every action (a process step, a read, a list) has grants, each a
 * role and the {@link Scope} of records it reaches. Checked in two levels, in this order, before any state rule:
 * <ol>
 *   <li>function level — the actor holds a role that has some grant for the action, else 403;</li>
 *   <li>object level — one of the actor's grants reaches this record, else 403.</li>
 * </ol>
 * Lists are narrowed to the records the actor's grants reach ({@link #visibility}). The same grants are written in
 * docs/access-policy.md, and a test compares the two.
 */
public final class AccessPolicy<A extends Enum<A>> {
    private final Map<A, List<Grant>> grants;

    private AccessPolicy(Map<A, List<Grant>> grants) {
        this.grants = grants;
    }

    public static <A extends Enum<A>> Builder<A> builder(Class<A> actions) {
        return new Builder<>(actions);
    }

    public List<Grant> grants(A action) {
        List<Grant> found = grants.get(action);
        if (found == null) {
            throw new IllegalStateException("no grants declared for " + action);
        }
        return found;
    }

    public Map<A, List<Grant>> all() {
        return Collections.unmodifiableMap(grants);
    }

    /** Function level: whether the actor holds a role with some grant for the action. */
    public boolean permitsSomewhere(Actor actor, A action) {
        return grants(action).stream().anyMatch(g -> actor.holds(g.role()));
    }

    /** Object level: whether one of the actor's grants reaches the record. */
    public boolean permits(Actor actor, A action, RecordScope record) {
        return grants(action).stream().anyMatch(g -> g.matches(actor, record));
    }

    /** 403 unless the actor holds a role with some grant for the action. */
    public void require(Actor actor, A action) {
        if (!permitsSomewhere(actor, action)) {
            throw ApiProblem.forbidden("'" + name(action) + "' needs one of " + roleNames(action), Map.of(
                    "action", action.name(), "level", "function", "allowedRoles", roleNames(action),
                    "actorRoles", new TreeSet<>(actor.roles())));
        }
    }

    /** 403 unless one of the actor's grants reaches the record; the function-level check comes first. */
    public void require(Actor actor, A action, RecordScope record) {
        require(actor, action);
        if (!permits(actor, action, record)) {
            throw new ApiProblem(403, "forbidden-record", "This record is outside your scope",
                    "'" + name(action) + "' on this record needs one of " + grants(action).stream().map(Grant::toString)
                            .collect(Collectors.toCollection(TreeSet::new)),
                    Map.of("action", action.name(), "level", "record"));
        }
    }

    /** The records an actor may list: the union of what each grant they hold reaches. */
    public Visibility visibility(Actor actor, A action) {
        List<Visibility.Clause> clauses = new ArrayList<>();
        for (Grant grant : grants(action)) {
            if (!actor.holds(grant.role())) {
                continue;
            }
            clauses.add(new Visibility.Clause(actor.servicesFor(grant.role()).orElse(null), grant.scope()));
        }
        return new Visibility(actor.id(), actor.groups(), clauses);
    }

    private Set<String> roleNames(A action) {
        return grants(action).stream().map(g -> g.role().name()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String name(Enum<?> action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public static final class Builder<A extends Enum<A>> {
        private final Map<A, List<Grant>> grants;

        private Builder(Class<A> actions) {
            this.grants = new EnumMap<>(actions);
        }

        public Builder<A> allow(A action, Scope scope, RoleCode... roles) {
            List<Grant> list = grants.computeIfAbsent(action, a -> new ArrayList<>());
            for (RoleCode role : roles) {
                list.add(new Grant(role, scope));
            }
            return this;
        }

        /** Declares an action no one may take (an endpoint that exists but grants nothing here). */
        public Builder<A> none(A action) {
            grants.computeIfAbsent(action, a -> new ArrayList<>());
            return this;
        }

        public Builder<A> allow(A action, Scope scope, Set<RoleCode> roles) {
            return allow(action, scope, roles.stream().sorted().toArray(RoleCode[]::new));
        }

        public AccessPolicy<A> build() {
            Map<A, List<Grant>> frozen = new LinkedHashMap<>();
            grants.forEach((action, list) -> frozen.put(action, List.copyOf(list)));
            return new AccessPolicy<>(frozen);
        }
    }
}
