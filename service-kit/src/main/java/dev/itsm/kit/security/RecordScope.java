package dev.itsm.kit.security;

/**
 * What an access check needs to know of a record: its service, the group it is assigned to, and who is its
 * assignee, owner and requester. Any of them may be null.
 */
public record RecordScope(String serviceCode, String group, String assigneeId, String ownerId, String requesterId) {

    public static final RecordScope NONE = new RecordScope(null, null, null, null, null);

    public static RecordScope ofService(String serviceCode) {
        return new RecordScope(serviceCode, null, null, null, null);
    }

    public static RecordScope ownedBy(String ownerId) {
        return new RecordScope(null, null, null, ownerId, null);
    }
}
