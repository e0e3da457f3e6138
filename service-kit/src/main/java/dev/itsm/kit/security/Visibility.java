package dev.itsm.kit.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an actor may list: each clause is a grant they hold — the services its role is held for (null = every
 * service) and the scope of records it reaches. Repositories turn it into one query condition, so a list never
 * loads a record the actor may not see.
 */
public record Visibility(String actorId, Set<String> groups, List<Clause> clauses) {

    public record Clause(Set<String> services, Scope scope) {
    }

    /** The record fields (query property names) a condition can use; null where the record has no such field. */
    public record Fields(String service, String group, String assignee, String owner, String requester) {
    }

    /** A query condition with its named parameters. */
    public record Condition(String text, Map<String, Object> parameters) {
    }

    /** True when some clause reaches every record of every service. */
    public boolean everything() {
        return clauses.stream().anyMatch(c -> c.services() == null && c.scope() == Scope.ANY);
    }

    /** The condition that keeps only visible records; "1 = 0" when nothing is visible, null when everything is. */
    public Condition condition(Fields fields) {
        if (everything()) {
            return null;
        }
        List<String> alternatives = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        int serviceParameters = 0;
        for (Clause clause : clauses) {
            String scoped = switch (clause.scope()) {
                case ANY -> "";
                case GROUP -> groups.isEmpty() || fields.group() == null ? null : fields.group() + " in :vgroups";
                case ASSIGNEE -> actorId == null || fields.assignee() == null ? null : fields.assignee() + " = :vactor";
                case OWNER -> actorId == null || fields.owner() == null ? null : fields.owner() + " = :vactor";
                case REQUESTER -> actorId == null || fields.requester() == null ? null : fields.requester() + " = :vactor";
            };
            if (scoped == null) {
                // The record has no such field, or the actor belongs to no group: this grant reaches nothing here.
                continue;
            }
            List<String> parts = new ArrayList<>();
            // A record without a service field is reached by a role held for any service.
            if (clause.services() != null && fields.service() != null) {
                String name = "vs" + serviceParameters++;
                parts.add(fields.service() + " in :" + name);
                parameters.put(name, clause.services());
            }
            if (!scoped.isEmpty()) {
                parts.add(scoped);
                if (scoped.contains(":vgroups")) {
                    parameters.put("vgroups", groups);
                } else {
                    parameters.put("vactor", actorId);
                }
            }
            alternatives.add(parts.isEmpty() ? "1 = 1" : "(" + String.join(" and ", parts) + ")");
        }
        if (alternatives.isEmpty()) {
            return new Condition("1 = 0", Map.of());
        }
        return new Condition("(" + String.join(" or ", alternatives) + ")", parameters);
    }

    /** In memory, for records already loaded (small lists). */
    public boolean reaches(RecordScope record) {
        for (Clause clause : clauses) {
            if (clause.services() != null && record.serviceCode() != null && !clause.services().contains(record.serviceCode())) {
                continue;
            }
            boolean inScope = switch (clause.scope()) {
                case ANY -> true;
                case GROUP -> record.group() != null && groups.contains(record.group());
                case ASSIGNEE -> actorId != null && actorId.equals(record.assigneeId());
                case OWNER -> actorId != null && actorId.equals(record.ownerId());
                case REQUESTER -> actorId != null && actorId.equals(record.requesterId());
            };
            if (inScope) {
                return true;
            }
        }
        return false;
    }
}
