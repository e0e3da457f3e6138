package dev.itsm.notification.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a digest says: the suppressed messages grouped by record, each record with how many updates it had
 * and the latest one, so a flood on one record reads as one update. Long digests list the first records and
 * count the rest.
 */
public final class Digests {
    private Digests() {
    }

    public record Item(String recordKind, String recordId, String recordNumber, String title, Instant at) {
    }

    public record Text(String title, String body, int records, int messages) {
    }

    public static Text compose(List<Item> items, int maxRecords) {
        Map<String, List<Item>> byRecord = new LinkedHashMap<>();
        for (Item item : items) {
            byRecord.computeIfAbsent(item.recordKind() + ":" + item.recordId(), k -> new ArrayList<>()).add(item);
        }
        StringBuilder body = new StringBuilder();
        int listed = 0;
        for (List<Item> updates : byRecord.values()) {
            if (listed == maxRecords) {
                break;
            }
            Item latest = updates.stream().max(java.util.Comparator.comparing(Item::at)).orElseThrow();
            String label = latest.recordNumber() != null ? latest.recordNumber() : latest.recordKind() + " " + latest.recordId();
            body.append("- ").append(label).append(": ").append(latest.title());
            if (updates.size() > 1) {
                body.append(" (").append(updates.size()).append(" updates, latest at ").append(latest.at()).append(')');
            }
            body.append('\n');
            listed++;
        }
        if (byRecord.size() > listed) {
            body.append("... and ").append(byRecord.size() - listed).append(" more records.\n");
        }
        String title = "Digest: " + items.size() + (items.size() == 1 ? " update" : " updates") + " on " + byRecord.size()
                + (byRecord.size() == 1 ? " record" : " records") + " held back";
        return new Text(title, body.toString().strip(), byRecord.size(), items.size());
    }
}
