package dev.itsm.kit.security;

/**
 * Which records a grant reaches, within the services its role is held for. The access policy document uses
 * the lower-case names.
 */
public enum Scope {
    /** Every record (of the services the role is held for). */
    ANY,
    /** Records assigned to a directory group the actor is a member of. */
    GROUP,
    /** Records assigned to the actor (incident assignee, change implementer). */
    ASSIGNEE,
    /** Records the actor owns (problem owner, change owner, one's own directory entry). */
    OWNER,
    /** Records the actor asked for (incident reporter, change requester). */
    REQUESTER;

    public String docName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Scope parse(String name) {
        return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
