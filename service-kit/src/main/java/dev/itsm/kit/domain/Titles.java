package dev.itsm.kit.domain;

/** Titles of incidents, problems and changes: their columns hold at most {@link #MAX_LENGTH} characters. */
public final class Titles {
    public static final int MAX_LENGTH = 200;

    private Titles() {
    }

    /** The title cut to fit; generated titles (from alerts, from a problem) may be longer than a person would type. */
    public static String fit(String title) {
        return title.length() > MAX_LENGTH ? title.substring(0, MAX_LENGTH) : title;
    }
}
