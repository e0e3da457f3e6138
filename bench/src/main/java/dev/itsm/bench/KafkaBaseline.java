package dev.itsm.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The floor for alert intake: the same webhook records through the same broker, produced with the same
 * producer settings and consumed by a plain consumer, no processing. Warm burst first, then measured bursts
 * (first record sent → last record read) and a fixed-rate run for the produce → consume latency.
 */
final class KafkaBaseline {
    static final String SINGLE = "kafka.single";
    static final String MULTI_ALERTS = "kafka.multi.alerts";
    static final String RATE_LATENCY = "kafka.rate";

    private KafkaBaseline() {
    }

    static void run(BenchRun run) {
        Profile p = run.profile;
        String topic = "bench.raw." + run.id;
        run.infra.createTopic(topic);
        AlertMix mix = new AlertMix(run.id + "-raw", 200, 7);
        AlertTraffic traffic = run.traffic();
        try (TopicWatcher watcher = TopicWatcher.start(run.infra.bootstrap(), topic, ConsumerRecord::key)) {
            burst(run, traffic, watcher, topic, unique(mix.singles(p.kafkaWarmRecords()), "w"), "warm-up");

            List<AlertMix.Notification> singles = unique(mix.singles(p.kafkaBurstRecords()), "s");
            Tracker single = burst(run, traffic, watcher, topic, singles, "single-alert records");
            double singleRate = singles.size() / seconds(single);
            run.results.baselines.put(SINGLE, singleRate);
            run.results.add(new Results.Figure("baseline", "raw Kafka, single-alert records (burst)",
                    "first record produced → last record consumed, " + singles.size() + " records, no processing",
                    singleRate, "records/s", single.latency(), null, null, null, null));
            run.say("raw Kafka burst, single-alert records: %s records/s (%d records, %.2f s)",
                    BenchRun.rate(singleRate), singles.size(), seconds(single));

            List<AlertMix.Notification> groups = unique(mix.groups(p.kafkaMultiRecords(), Profile.ALERTS_PER_NOTIFICATION), "g");
            Tracker multi = burst(run, traffic, watcher, topic, groups, "10-alert notifications");
            double multiAlerts = groups.size() * (double) Profile.ALERTS_PER_NOTIFICATION / seconds(multi);
            run.results.baselines.put(MULTI_ALERTS, multiAlerts);
            run.results.add(new Results.Figure("baseline", "raw Kafka, 10-alert notifications (burst)",
                    "first record produced → last record consumed, " + groups.size() + " records", multiAlerts, "alerts/s",
                    multi.latency(), null, null, null,
                    BenchRun.rate(groups.size() / seconds(multi)) + " records/s"));
            run.say("raw Kafka burst, 10-alert notifications: %s alerts/s (%s records/s)", BenchRun.rate(multiAlerts),
                    BenchRun.rate(groups.size() / seconds(multi)));

            int count = (int) Math.round(p.kafkaRate() * p.kafkaRateSeconds());
            Tracker rate = watcher.track(new Tracker("raw Kafka at " + p.kafkaRate() + "/s"));
            traffic.atRate(topic, unique(mix.singles(count), "r"), r -> List.of(r.key()), rate, p.kafkaRate());
            rate.await(p.timeout(), watcher);
            run.results.baselineLatencies.put(RATE_LATENCY, rate.latency());
            run.results.add(new Results.Figure("baseline", "raw Kafka at " + p.kafkaRate() + " records/s",
                    "record due to be produced → record consumed", p.kafkaRate(), "records/s", rate.latency(), null, null, null, null));
            run.say("raw Kafka at %d records/s: p50 %s ms, p99 %s ms", p.kafkaRate(), BenchRun.ms(rate.latency().p50()),
                    BenchRun.ms(rate.latency().p99()));
        }
    }

    private static Tracker burst(BenchRun run, AlertTraffic traffic, TopicWatcher watcher, String topic,
                                 List<AlertMix.Notification> records, String what) {
        Tracker tracker = watcher.track(new Tracker("raw Kafka, " + what));
        traffic.burst(topic, records, r -> List.of(r.key()), tracker);
        tracker.await(run.profile.timeout(), watcher);
        return tracker;
    }

    static double seconds(Tracker tracker) {
        return (tracker.lastSeen() - tracker.firstSent()) / 1e9;
    }

    /** Raw records are tracked one by one, so each gets a key of its own. */
    private static List<AlertMix.Notification> unique(List<AlertMix.Notification> records, String tag) {
        List<AlertMix.Notification> keyed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            AlertMix.Notification r = records.get(i);
            keyed.add(new AlertMix.Notification(tag + i, r.body(), r.alerts()));
        }
        return keyed;
    }
}
