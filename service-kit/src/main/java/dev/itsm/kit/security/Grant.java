package dev.itsm.kit.security;

import dev.itsm.contracts.RoleCode;

/** A role may take an action on the records of a scope. */
public record Grant(RoleCode role, Scope scope) {

    /** Whether the actor holds the role for the record's service and the record lies in the scope. */
    public boolean matches(Actor actor, RecordScope record) {
        if (!actor.holdsFor(role, record.serviceCode())) {
            return false;
        }
        return switch (scope) {
            case ANY -> true;
            case GROUP -> actor.memberOf(record.group());
            case ASSIGNEE -> actor.is(record.assigneeId());
            case OWNER -> actor.is(record.ownerId());
            case REQUESTER -> actor.is(record.requesterId());
        };
    }

    @Override
    public String toString() {
        return scope == Scope.ANY ? role.name() : role.name() + " (" + scope.docName() + ")";
    }
}
