package dev.itsm.contracts.directory;

/** Record keys on the compacted directory topic: one key per entry, so compaction keeps the latest state. */
public final class DirectoryKeys {
    private DirectoryKeys() {
    }

    public static String person(Object id) {
        return "person:" + id;
    }

    public static String group(String code) {
        return "group:" + code;
    }

    public static String service(String code) {
        return "service:" + code;
    }

    public static String role(String code) {
        return "role:" + code;
    }

    public static String onCall(Object shiftId) {
        return "oncall:" + shiftId;
    }
}
