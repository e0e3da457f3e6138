package dev.itsm.bench;

import org.apache.kafka.clients.producer.KafkaProducer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every phase of one run shares: sizes, infrastructure, services, the figures so far. */
final class BenchRun implements AutoCloseable {
    final Profile profile;
    final Path root;
    final String id;
    final BenchInfra infra;
    final Suite suite;
    final Results results;
    final RssSampler rss;
    /** Processes other than the services whose memory is reported for reference (the broker, Alertmanager). */
    final Map<String, Long> referencePids = new ConcurrentHashMap<>();
    private KafkaProducer<String, String> producer;

    BenchRun(Profile profile, Path root, String id, BenchInfra infra, Suite suite, Results results) {
        this.profile = profile;
        this.root = root;
        this.id = id;
        this.infra = infra;
        this.suite = suite;
        this.results = results;
        referencePids.put("kafka broker", infra.kafkaPid());
        this.rss = new RssSampler(() -> {
            Map<String, Long> pids = new HashMap<>(referencePids);
            suite.running().forEach(process -> pids.put(process.name(), process.pid()));
            return pids;
        });
    }

    synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = infra.producer();
        }
        return producer;
    }

    AlertTraffic traffic() {
        return new AlertTraffic(producer());
    }

    void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  " + format + "%n", args);
        System.out.flush();
    }

    /** Lets the suite finish what earlier steps caused; a suite that cannot is noted with the figures. */
    void awaitQuiet(String before) {
        long lag = suite.awaitQuiet(profile.quietTimeout());
        if (lag > 0) {
            String note = "before " + before + ": the services still had " + lag + " records to consume after "
                    + profile.quietTimeout().toSeconds() + " s; that backlog ran during the measurement";
            results.note(note);
            say("warning: %s", note);
        }
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    static String ratio(Double ratio) {
        if (ratio == null) {
            return "n/a";
        }
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f×", ratio)
                : ratio >= 0.1 ? String.format(Locale.ROOT, "%.2f×", ratio) : String.format(Locale.ROOT, "%.3f×", ratio);
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    @Override
    public void close() {
        rss.close();
        if (producer != null) {
            producer.close();
        }
    }
}
