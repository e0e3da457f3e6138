package dev.itsm.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The keys of one measured batch, when each was sent and when its effect was seen. */
final class Batch {
    private final List<String> keys;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();

    Batch(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    List<String> keys() {
        return keys;
    }

    void sent(String key) {
        sentAt.put(key, System.nanoTime());
    }

    /** Records the first sighting of a key of this batch; others are ignored. */
    void seen(String key) {
        if (key != null && sentAt.containsKey(key)) {
            seenAt.putIfAbsent(key, System.nanoTime());
        }
    }

    /** Marks every key seen at once, for effects that are only observable as a count. */
    void allSeenNow() {
        long now = System.nanoTime();
        keys.forEach(key -> seenAt.putIfAbsent(key, now));
    }

    int seenCount() {
        return seenAt.size();
    }

    boolean complete() {
        return seenAt.size() == keys.size();
    }

    Figures figures() {
        if (!complete()) {
            throw new IllegalStateException("only " + seenCount() + " of " + keys.size() + " seen");
        }
        long firstSent = sentAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long lastSeen = seenAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long[] latencies = keys.stream().mapToLong(key -> seenAt.get(key) - sentAt.get(key)).sorted().toArray();
        return new Figures(keys.size(), (lastSeen - firstSent) / 1e9,
                millis(percentile(latencies, 50)), millis(percentile(latencies, 95)), millis(percentile(latencies, 99)));
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    record Figures(int count, double seconds, double p50Millis, double p95Millis, double p99Millis) {
        double perSecond() {
            return count / seconds;
        }
    }
}
