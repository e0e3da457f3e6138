package dev.itsm.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One stretch of traffic with at most one fault in it. Its alerts use fingerprints and alert names (so symptom
 * signatures, so problems) of its own, and its REST incidents carry its tag in the title, so that every effect
 * found afterwards belongs to exactly one phase.
 */
public final class Phase {
    /** A set of fingerprints whose alerts share one alert name: enough of them raise one problem. */
    public record Group(String alertName, String signature, List<String> fingerprints) {
    }

    private final String name;
    private final String tag;
    private final List<Group> groups;
    private final Answers answers = new Answers();
    private volatile Instant started;
    private volatile Instant faultAt;
    private volatile Instant healedAt;
    private volatile Instant recoveredAt;
    private volatile Instant ended;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    public Phase(String name, int groups, int fingerprintsPerGroup, Random random) {
        this.name = name;
        this.tag = letters(random, 10);
        List<Group> list = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            // Letters only: the symptom signature masks digits and hex, and must stay unique to the group.
            String alertName = "Fault" + capitalised(tag) + "Group" + (char) ('A' + g) + "Stalled";
            List<String> fingerprints = new ArrayList<>();
            for (int f = 0; f < fingerprintsPerGroup; f++) {
                fingerprints.add(tag + "-" + g + "-" + f);
            }
            list.add(new Group(alertName, alertName.toLowerCase(java.util.Locale.ROOT), List.copyOf(fingerprints)));
        }
        this.groups = List.copyOf(list);
    }

    public String name() {
        return name;
    }

    public String tag() {
        return tag;
    }

    public List<Group> groups() {
        return groups;
    }

    public List<String> fingerprints() {
        return groups.stream().flatMap(g -> g.fingerprints().stream()).toList();
    }

    public Group groupOf(String fingerprint) {
        return groups.stream().filter(g -> g.fingerprints().contains(fingerprint)).findFirst().orElseThrow();
    }

    public Answers answers() {
        return answers;
    }

    void started() {
        started = Instant.now();
    }

    void faultInjected() {
        faultAt = Instant.now();
    }

    void healed() {
        healedAt = Instant.now();
    }

    void recovered(Instant at) {
        recoveredAt = at;
    }

    void ended() {
        ended = Instant.now();
    }

    void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    public Instant startedAt() {
        return started;
    }

    public Instant faultAt() {
        return faultAt;
    }

    public Instant healedAt() {
        return healedAt;
    }

    public Instant endedAt() {
        return ended;
    }

    /** From the fault until the service was whole again and every effect of what was sent before the heal was in place. */
    public Duration recovery() {
        return faultAt == null || recoveredAt == null ? null : Duration.between(faultAt, recoveredAt);
    }

    /** From the fault until it was mended (the instance restarted, the broker or the database back). */
    public Duration outage() {
        return faultAt == null || healedAt == null ? null : Duration.between(faultAt, healedAt);
    }

    public boolean hasFault() {
        return faultAt != null;
    }

    static String letters(Random random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
