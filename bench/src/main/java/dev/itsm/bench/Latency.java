package dev.itsm.bench;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Percentiles of one measured path, in milliseconds, taken from an HdrHistogram recorded in microseconds. */
record Latency(long count, double p50, double p90, double p99, double p999, double max) {

    /** Up to ten minutes at three significant digits: wide enough for a backlog that drains slowly. */
    static Histogram histogram() {
        return new ConcurrentHistogram(600_000_000L, 3);
    }

    static void record(AbstractHistogram histogram, long nanos) {
        histogram.recordValue(Math.min(Math.max(0, nanos / 1_000), histogram.getHighestTrackableValue()));
    }

    static Latency of(AbstractHistogram micros) {
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1_000.0;
    }
}
