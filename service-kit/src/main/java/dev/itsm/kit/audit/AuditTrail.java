package dev.itsm.kit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itsm.contracts.EventCodec;
import dev.itsm.kit.rest.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Appends audit entries in the caller's transaction and verifies a record's chain. Each entry is linked to the
 * previous entry of the same record by its hash: SHA-256 over the JSON array [record type, record id, seq, actor,
 * step, changes, time (UTC, microseconds), previous hash], computed by PostgreSQL from the stored values, so the
 * same formula checks the chain later. Entries are only ever inserted; the table's triggers refuse UPDATE, DELETE
 * and TRUNCATE.
 * <p>
 * Two transactions may append to one record at once without sharing a row lock (a person's step on a problem while
 * clustering links an incident to it). Both read the same last entry; the later insert waits for the earlier
 * transaction on the record's unique position and, once that one has committed, lands nowhere ({@code on conflict
 * do nothing}). The entries that did not land are appended again in a new statement, whose snapshot sees the
 * committed entry, so they chain after it. Without contention this costs nothing; no lock is taken per record.
 */
@ApplicationScoped
public class AuditTrail {
    /** The hash of an entry, from the columns (or aliases) record_type, record_id, seq, actor_id, step, changes, occurred_at, prev_hash. */
    static final String HASH = """
            encode(sha256(convert_to(cast(jsonb_build_array(record_type, record_id, seq, actor_id, step, changes,
                to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), prev_hash) as text), 'UTF8')), 'hex')""";

    private static final String APPEND = """
            insert into audit_entry (record_type, record_id, seq, actor_id, step, changes, occurred_at, prev_hash, hash)
            select record_type, record_id, seq, actor_id, step, changes, occurred_at, prev_hash, %s
            from (select n.record_type, n.record_id, coalesce(last.seq, 0) + 1 as seq, n.actor_id, n.step, n.changes,
                         n.occurred_at, last.hash as prev_hash, n.ordinal
                  from jsonb_to_recordset(cast(cast(:entries as text) as jsonb))
                       as n(ordinal integer, record_type text, record_id text, actor_id text, step text, changes jsonb,
                            occurred_at timestamptz)
                  left join lateral (select a.seq, a.hash from audit_entry a
                                     where a.record_type = n.record_type and a.record_id = n.record_id
                                     order by a.seq desc limit 1) last on true) e
            order by ordinal
            on conflict (record_type, record_id, seq) do nothing
            returning record_type, record_id""".formatted(HASH);

    /** The same statement for the reactive client's own transactions (batched consumers). */
    private static final String APPEND_ON_CONNECTION = APPEND.replace(":entries", "$1");

    /** How often entries that met a concurrent append are tried again before the step fails as contended. */
    static final int APPEND_ATTEMPTS = 10;

    private static final String VERIFY = """
            select cast(seq as text) as position, hash, prev_hash, %s as recomputed,
                   lag(hash) over (order by seq) as previous_hash
            from audit_entry where record_type = :type and record_id = :id
            order by audit_entry.seq""".formatted(HASH);

    private final ObjectMapper mapper = EventCodec.defaultMapper();

    /** Appends one entry to its record's chain. Must run inside the step's transaction. */
    public Uni<Void> record(AuditEntry entry) {
        return recordAll(List.of(entry));
    }

    /**
     * Appends many entries with one statement per round: entries of distinct records go in one statement; when a
     * record has several entries in the list, each further entry goes into the next round, in list order, so its
     * chain stays in the order given. Must run inside the steps' transaction.
     */
    public Uni<Void> recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<AuditEntry> round : rounds(entries)) {
            chain = chain.chain(() -> appendUntilLanded(round, this::append, 1));
        }
        return chain;
    }

    /**
     * The same as {@link #recordAll(List)} on a transaction of the reactive client, for consumers that apply a whole
     * batch with set-based SQL on their own connection.
     */
    public Uni<Void> recordAll(SqlConnection tx, List<AuditEntry> entries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<AuditEntry> round : rounds(entries)) {
            chain = chain.chain(() -> appendUntilLanded(round, r -> tx.preparedQuery(APPEND_ON_CONNECTION)
                    .execute(Tuple.of(json(r)))
                    .map(rows -> {
                        Set<String> landed = new HashSet<>();
                        rows.forEach(row -> landed.add(key(row.getString(0), row.getString(1))));
                        return landed;
                    }), 1));
        }
        return chain;
    }

    /**
     * Appends a round (at most one entry per record) and appends again what met a concurrent append of the same
     * record, until every entry has landed: the retried statement reads the entry the other transaction committed.
     */
    private Uni<Void> appendUntilLanded(List<AuditEntry> round, Function<List<AuditEntry>, Uni<Set<String>>> append, int attempt) {
        return append.apply(round).chain(landed -> {
            List<AuditEntry> missed = round.stream().filter(e -> !landed.contains(key(e.recordType(), e.recordId()))).toList();
            if (missed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            if (attempt >= APPEND_ATTEMPTS) {
                return Uni.createFrom().failure(new ConcurrentAppendException(missed.get(0), attempt));
            }
            return appendUntilLanded(missed, append, attempt + 1);
        });
    }

    private static String key(String recordType, String recordId) {
        return recordType + "\u0000" + recordId;
    }

    /** Splits entries so that no round holds two entries of the same record; order per record is kept. */
    static List<List<AuditEntry>> rounds(List<AuditEntry> entries) {
        List<List<AuditEntry>> rounds = new ArrayList<>();
        Map<String, Integer> nextRound = new HashMap<>();
        for (AuditEntry entry : entries) {
            int round = nextRound.merge(key(entry.recordType(), entry.recordId()), 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(entry);
        }
        return rounds;
    }

    private Uni<Set<String>> append(List<AuditEntry> round) {
        String json = json(round);
        return Panache.getSession().chain(session -> session.createNativeQuery(APPEND, Object[].class)
                        .setParameter("entries", json)
                        .getResultList())
                .map(rows -> {
                    Set<String> landed = new HashSet<>();
                    rows.forEach(row -> landed.add(key((String) row[0], (String) row[1])));
                    return landed;
                });
    }

    /** A round of entries as the JSON array the statement reads with jsonb_to_recordset. */
    private String json(List<AuditEntry> round) {
        ArrayNode rows = mapper.createArrayNode();
        int ordinal = 0;
        for (AuditEntry entry : round) {
            ObjectNode row = rows.addObject();
            row.put("ordinal", ordinal++);
            row.put("record_type", entry.recordType());
            row.put("record_id", entry.recordId());
            row.put("actor_id", entry.actorId());
            row.put("step", entry.step());
            row.set("changes", mapper.valueToTree(entry.changes()));
            row.put("occurred_at", DateTimeFormatter.ISO_INSTANT.format(entry.occurredAt()));
        }
        try {
            return mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit changes must be JSON values", e);
        }
    }

    /** One page of a record's entries, oldest first. */
    public Uni<Page<AuditView>> entries(String recordType, String recordId, int page, int size) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select cast(seq as text) as position, actor_id, step, cast(changes as text) as changes_text,
                                       to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                       prev_hash, hash, cast(count(*) over () as text) as total
                                from audit_entry where record_type = :type and record_id = :id
                                order by audit_entry.seq limit :limit offset :offset""", Object[].class)
                        .setParameter("type", recordType)
                        .setParameter("id", recordId)
                        .setParameter("limit", size)
                        .setParameter("offset", page * size)
                        .getResultList())
                .map(rows -> {
                    List<AuditView> items = new ArrayList<>();
                    long total = 0;
                    for (Object[] row : rows) {
                        items.add(new AuditView(Integer.parseInt((String) row[0]), (String) row[1], (String) row[2],
                                readTree((String) row[3]), Instant.parse((String) row[4]), (String) row[5], (String) row[6]));
                        total = Long.parseLong((String) row[7]);
                    }
                    return new Page<>(items, page, size, total);
                });
    }

    /** Recomputes every entry's hash and link; names the first entry where the chain breaks. */
    public Uni<ChainVerification> verify(String recordType, String recordId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(VERIFY, Object[].class)
                        .setParameter("type", recordType)
                        .setParameter("id", recordId)
                        .getResultList())
                .map(rows -> {
                    int expected = 1;
                    String lastHash = null;
                    for (Object[] row : rows) {
                        int seq = Integer.parseInt((String) row[0]);
                        String hash = (String) row[1];
                        String prevHash = (String) row[2];
                        String recomputed = (String) row[3];
                        String previousHash = (String) row[4];
                        String reason = null;
                        if (seq != expected) {
                            reason = seq > expected ? "entry " + expected + " is missing" : "entry " + seq + " appears twice";
                        } else if (!java.util.Objects.equals(prevHash, previousHash)) {
                            reason = "the link to entry " + (seq - 1) + " does not match its hash";
                        } else if (!recomputed.equals(hash)) {
                            reason = "the entry's content does not match its hash";
                        }
                        if (reason != null) {
                            return new ChainVerification(recordType, recordId, rows.size(), false,
                                    new ChainVerification.BrokenLink(Math.min(seq, expected), reason), lastHash);
                        }
                        lastHash = hash;
                        expected++;
                    }
                    return new ChainVerification(recordType, recordId, rows.size(), true, null, lastHash);
                });
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit changes", e);
        }
    }
}
