package dev.itsm.incident.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalised symptom two incidents must share to count as "similar" for problem clustering. Volatile
 * parts (ids, numbers, hosts' serials) are masked so that "timeout on node-17" and "Timeout on node-4"
 * share one signature.
 */
public final class SymptomSignature {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HEX = Pattern.compile("\\b(?=[0-9a-f]*[0-9])[0-9a-f]{6,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern PUNCTUATION = Pattern.compile("[^a-z#\\s]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int MAX_LENGTH = 120;

    private SymptomSignature() {
    }

    public static String of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a symptom needs some text");
        }
        String s = text.toLowerCase(Locale.ROOT);
        s = UUID.matcher(s).replaceAll("#");
        s = HEX.matcher(s).replaceAll("#");
        s = NUMBER.matcher(s).replaceAll("#");
        s = PUNCTUATION.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").trim();
        if (s.isEmpty()) {
            s = "#";
        }
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH).trim() : s;
    }
}
