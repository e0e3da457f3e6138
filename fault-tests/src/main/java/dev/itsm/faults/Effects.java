package dev.itsm.faults;

import dev.itsm.contracts.EventTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the services stored, read straight from their databases, and compared with the {@link Ledger}: for
 * every phase and every kind of effect, how many were expected, found, lost and doubled.
 */
final class Effects {
    /** Problems are raised from this many similar incidents (the services' default clustering threshold). */
    static final int CLUSTER_THRESHOLD = 3;

    /** One kind of effect in one phase. */
    record Count(String effect, long expected, long found, long lost, long doubled) {
        static Count of(String effect, long expected, long found, long lost, long doubled) {
            return new Count(effect, expected, found, lost, doubled);
        }
    }

    /** An alert fingerprint's incidents in incident-service. */
    record FingerprintRow(int incidents, long alerts, int linked, Set<String> ids) {
    }

    private final FaultBed bed;

    Effects(FaultBed bed) {
        this.bed = bed;
    }

    // ---- raw reads ----

    Map<String, FingerprintRow> byFingerprint() throws SQLException {
        Map<String, FingerprintRow> result = new HashMap<>();
        try (Connection db = bed.connect("incident-service"); PreparedStatement query = db.prepareStatement("""
                select alert_fingerprint, count(*), sum(alert_count), count(problem_id), array_agg(id::text)
                from incident where alert_fingerprint is not null group by alert_fingerprint""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.put(rows.getString(1), new FingerprintRow(rows.getInt(2), rows.getLong(3), rows.getInt(4),
                        Set.of((String[]) rows.getArray(5).getArray())));
            }
        }
        return result;
    }

    /** REST incidents: key -> ids of the incidents stored under it. */
    Map<String, List<String>> restIncidents(Phase phase) throws SQLException {
        Map<String, List<String>> result = new HashMap<>();
        try (Connection db = bed.connect("incident-service"); PreparedStatement query = db.prepareStatement(
                "select title, id::text from incident where alert_fingerprint is null and title like ?")) {
            query.setString(1, "Fault " + phase.tag() + " %");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.computeIfAbsent(Traffic.RestTitle.key(rows.getString(1)), k -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return result;
    }

    /** Incident ids seen by problem-service, of all incidents, and which of them it linked to a problem. */
    Map<String, String> observations() throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (Connection db = bed.connect("problem-service"); PreparedStatement query = db.prepareStatement(
                "select incident_id::text, coalesce(problem_id::text, '') from incident_observation");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        }
        return result;
    }

    Map<String, String> incidentStatuses() throws SQLException {
        return pairs("incident-service", "select id::text, status from incident where alert_fingerprint is null");
    }

    Map<String, String> observedStatuses() throws SQLException {
        return pairs("problem-service", "select incident_id::text, status from incident_observation");
    }

    private Map<String, String> pairs(String service, String sql) throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (Connection db = bed.connect(service); PreparedStatement query = db.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        }
        return result;
    }

    /** Problems by signature: id -> status. */
    Map<String, Map<String, String>> problemsBySignature() throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        try (Connection db = bed.connect("problem-service"); PreparedStatement query = db.prepareStatement(
                "select signature, id::text, status from problem where signature is not null");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.computeIfAbsent(rows.getString(1), s -> new LinkedHashMap<>()).put(rows.getString(2), rows.getString(3));
            }
        }
        return result;
    }

    /** Changes drafted from problems: problem id -> change ids. */
    Map<String, List<String>> changesByProblem() throws SQLException {
        Map<String, List<String>> result = new HashMap<>();
        try (Connection db = bed.connect("change-service"); PreparedStatement query = db.prepareStatement(
                "select problem_id::text, id::text from change_request where problem_id is not null");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.computeIfAbsent(rows.getString(1), p -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return result;
    }

    /** Notification rows by (event type, subject). */
    Map<String, Integer> notifications() throws SQLException {
        Map<String, Integer> result = new HashMap<>();
        try (Connection db = bed.connect("notification-service"); PreparedStatement query = db.prepareStatement(
                "select event_type, subject, count(*) from notification group by event_type, subject");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.put(rows.getString(1) + " " + rows.getString(2), rows.getInt(3));
            }
        }
        return result;
    }

    /** Connections that LISTEN for notifications, per database (an idle connection shows its last statement). */
    Map<String, Integer> listeners() throws SQLException {
        Map<String, Integer> result = new java.util.TreeMap<>();
        for (String service : FaultBed.SERVICES) {
            result.put(FaultBed.database(service), 0);
        }
        try (Connection db = bed.connect("incident-service"); PreparedStatement query = db.prepareStatement("""
                select datname, count(*) from pg_stat_activity where query ilike 'LISTEN %' group by datname""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.computeIfPresent(rows.getString(1), (name, zero) -> {
                    try {
                        return rows.getInt(2);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        return result;
    }

    /** Outbox rows still waiting and rows parked, per service. */
    Map<String, long[]> outboxes() throws SQLException {
        Map<String, long[]> result = new LinkedHashMap<>();
        for (String service : FaultBed.SERVICES) {
            try (Connection db = bed.connect(service); PreparedStatement query = db.prepareStatement(
                    "select count(*) filter (where parked_at is null), count(*) filter (where parked_at is not null) from outbox");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                result.put(service, new long[] {rows.getLong(1), rows.getLong(2)});
            }
        }
        return result;
    }

    // ---- the count ----

    /** Notification rows per subject of each kind, as the fault-free phase shows them: who is told what. */
    record Reference(Map<String, Integer> perSubject, List<String> doubts) {
        int of(String kind) {
            return perSubject.getOrDefault(kind, 0);
        }
    }

    static final String ALERT_INCIDENT = "alert incident opened";
    static final String REST_INCIDENT = "REST incident opened";
    static final String PROBLEM_RAISED = "problem raised";
    static final String CHANGE_DRAFTED = "change drafted";

    /** The expected notifications per subject of each kind, learnt from a phase without faults. */
    Reference reference(Phase calm, Ledger ledger) throws SQLException {
        Map<String, Collection<Integer>> seen = new LinkedHashMap<>();
        Subjects subjects = subjects(calm, ledger);
        Map<String, Integer> notifications = notifications();
        subjects.byKind().forEach((kind, ids) -> seen.put(kind, ids.stream()
                .map(id -> notifications.getOrDefault(eventType(kind) + " " + id, 0)).collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Integer> reference = new LinkedHashMap<>();
        List<String> doubts = new ArrayList<>();
        seen.forEach((kind, counts) -> {
            if (counts.size() == 1 && counts.iterator().next() > 0) {
                reference.put(kind, counts.iterator().next());
            } else {
                doubts.add(kind + ": the fault-free phase shows " + counts + " notifications per subject");
                reference.put(kind, counts.stream().max(Integer::compare).orElse(0));
            }
        });
        return new Reference(reference, doubts);
    }

    /** The subjects of a phase that someone is told about, by kind. */
    record Subjects(Map<String, Set<String>> byKind) {
    }

    Subjects subjects(Phase phase, Ledger ledger) throws SQLException {
        Map<String, FingerprintRow> incidents = byFingerprint();
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        kinds.put(ALERT_INCIDENT, phase.fingerprints().stream().map(incidents::get).filter(r -> r != null)
                .flatMap(r -> r.ids().stream()).collect(Collectors.toSet()));
        kinds.put(REST_INCIDENT, restIncidents(phase).values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        Set<String> problems = problemIds(phase);
        kinds.put(PROBLEM_RAISED, problems);
        // A resolved problem is told to every Problem Manager but the one who resolved it, and the demo directory has
        // one: nobody is told. The resolution's effect is counted on change-service's side (the drafted change).
        Map<String, List<String>> changes = changesByProblem();
        kinds.put(CHANGE_DRAFTED, problems.stream().flatMap(p -> changes.getOrDefault(p, List.of()).stream()).collect(Collectors.toSet()));
        return new Subjects(kinds);
    }

    private Set<String> problemIds(Phase phase) throws SQLException {
        Map<String, Map<String, String>> problems = problemsBySignature();
        Set<String> ids = new HashSet<>();
        phase.groups().forEach(g -> ids.addAll(problems.getOrDefault(g.signature(), Map.of()).keySet()));
        return ids;
    }

    private static String eventType(String kind) {
        return switch (kind) {
            case ALERT_INCIDENT, REST_INCIDENT -> EventTypes.INCIDENT_OPENED;
            case PROBLEM_RAISED -> EventTypes.PROBLEM_RAISED;
            case CHANGE_DRAFTED -> EventTypes.CHANGE_DRAFTED;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Every kind of effect of the phase against what was sent in it. */
    List<Count> count(Phase phase, Ledger ledger, Reference reference) throws SQLException {
        List<Count> counts = new ArrayList<>();
        Map<String, FingerprintRow> incidents = byFingerprint();
        Map<String, Long> sent = ledger.alerts().stream().filter(a -> ledger.phaseOf(a.fingerprint()) == phase)
                .collect(Collectors.groupingBy(Ledger.SentAlert::fingerprint, Collectors.counting()));

        // One incident per fingerprint that fired; its alert count is the number of alerts sent for it.
        long lostIncidents = 0;
        long doubledIncidents = 0;
        long foundIncidents = 0;
        long lostAlerts = 0;
        long doubledAlerts = 0;
        long foundAlerts = 0;
        for (String fingerprint : phase.fingerprints()) {
            long expected = sent.getOrDefault(fingerprint, 0L);
            FingerprintRow row = incidents.get(fingerprint);
            int found = row == null ? 0 : row.incidents();
            long alerts = row == null ? 0 : row.alerts();
            foundIncidents += found;
            foundAlerts += alerts;
            if (expected > 0 && found == 0) {
                lostIncidents++;
            }
            doubledIncidents += Math.max(0, found - 1);
            lostAlerts += Math.max(0, expected - alerts);
            doubledAlerts += Math.max(0, alerts - expected);
        }
        long firedFingerprints = sent.values().stream().filter(n -> n > 0).count();
        counts.add(Count.of("incidents from alerts", firedFingerprints, foundIncidents, lostIncidents, doubledIncidents));
        long alertsSent = sent.values().stream().mapToLong(Long::longValue).sum();
        counts.add(Count.of("alert counts", alertsSent, foundAlerts, lostAlerts, doubledAlerts));

        // One incident per Idempotency-Key answered 2xx, and it is the one the answer named.
        Map<String, List<String>> stored = restIncidents(phase);
        List<Ledger.Created> created = ledger.creates().stream().filter(c -> c.phase() == phase).toList();
        long lostRest = created.stream().filter(c -> !stored.getOrDefault(c.key(), List.of()).contains(c.incidentId())).count();
        long doubledRest = stored.values().stream().mapToLong(ids -> Math.max(0, ids.size() - 1)).sum();
        long foundRest = stored.values().stream().mapToLong(List::size).sum();
        counts.add(Count.of("REST incidents", created.size(), foundRest, lostRest, doubledRest));

        // Accepted incidents are In Progress, and problem-service, which heard of both events, knows it.
        List<String> accepted = ledger.accepted(phase);
        Map<String, String> statuses = incidentStatuses();
        Map<String, String> observedStatuses = observedStatuses();
        long acceptedFound = accepted.stream().filter(id -> "IN_PROGRESS".equals(statuses.get(id))).count();
        long acceptedSeen = accepted.stream().filter(id -> "IN_PROGRESS".equals(observedStatuses.get(id))).count();
        counts.add(Count.of("accepted incidents", accepted.size(), acceptedFound, accepted.size() - acceptedFound, 0));
        counts.add(Count.of("acceptances seen by problems", accepted.size(), acceptedSeen, accepted.size() - acceptedSeen, 0));

        // One problem per group of similar incidents, linking every incident of the group, on both sides.
        Map<String, Map<String, String>> problems = problemsBySignature();
        Map<String, String> observations = observations();
        long expectedProblems = 0;
        long foundProblems = 0;
        long lostProblems = 0;
        long doubledProblems = 0;
        long expectedLinks = 0;
        long foundLinks = 0;
        long foundBackLinks = 0;
        for (Phase.Group group : phase.groups()) {
            List<String> fired = group.fingerprints().stream().filter(f -> sent.getOrDefault(f, 0L) > 0).toList();
            int found = problems.getOrDefault(group.signature(), Map.of()).size();
            foundProblems += found;
            doubledProblems += Math.max(0, found - 1);
            if (fired.size() >= CLUSTER_THRESHOLD) {
                expectedProblems++;
                expectedLinks += fired.size();
                if (found == 0) {
                    lostProblems++;
                }
            }
            Set<String> problemIds = problems.getOrDefault(group.signature(), Map.of()).keySet();
            for (String fingerprint : group.fingerprints()) {
                FingerprintRow row = incidents.get(fingerprint);
                if (row != null) {
                    foundLinks += row.ids().stream().filter(id -> problemIds.contains(observations.get(id))).count();
                    foundBackLinks += row.linked();
                }
            }
        }
        counts.add(Count.of("problems", expectedProblems, foundProblems, lostProblems, doubledProblems));
        counts.add(Count.of("problem links", expectedLinks, foundLinks, Math.max(0, expectedLinks - foundLinks),
                Math.max(0, foundLinks - expectedLinks)));
        counts.add(Count.of("incidents linked back", expectedLinks, foundBackLinks, Math.max(0, expectedLinks - foundBackLinks),
                Math.max(0, foundBackLinks - expectedLinks)));

        // The Problem Manager resolves every problem: one draft change each.
        Map<String, List<String>> changes = changesByProblem();
        Set<String> phaseProblems = problemIds(phase);
        long foundChanges = phaseProblems.stream().mapToLong(p -> changes.getOrDefault(p, List.of()).size()).sum();
        long lostChanges = phaseProblems.stream().filter(p -> !changes.containsKey(p)).count();
        long doubledChanges = phaseProblems.stream().mapToLong(p -> Math.max(0, changes.getOrDefault(p, List.of()).size() - 1)).sum();
        counts.add(Count.of("changes", phaseProblems.size(), foundChanges, lostChanges, doubledChanges));

        // Everyone who is to be told, once per channel.
        Map<String, Integer> notifications = notifications();
        long expectedNotes = 0;
        long foundNotes = 0;
        long lostNotes = 0;
        long doubledNotes = 0;
        for (Map.Entry<String, Set<String>> kind : subjects(phase, ledger).byKind().entrySet()) {
            int perSubject = reference.of(kind.getKey());
            for (String subject : kind.getValue()) {
                int found = notifications.getOrDefault(eventType(kind.getKey()) + " " + subject, 0);
                expectedNotes += perSubject;
                foundNotes += found;
                lostNotes += Math.max(0, perSubject - found);
                doubledNotes += Math.max(0, found - perSubject);
            }
        }
        counts.add(Count.of("notifications", expectedNotes, foundNotes, lostNotes, doubledNotes));
        return counts;
    }
}
