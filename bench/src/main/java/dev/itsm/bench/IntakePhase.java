package dev.itsm.bench;

import dev.itsm.contracts.Topics;

import java.util.List;

/**
 * Alert intake by one incident-service (with directory-service): Alertmanager webhooks on itsm.alerts.v1,
 * 80 % repeats of open fingerprints and 20 % new. An alert counts as handled when its effect is visible:
 * for a new one its incident.opened event on itsm.incident-events.v1, for a repeat the alert count of its
 * open incident in the service's database. Burst mode sends N records as fast as the producer takes them;
 * steady-rate mode sends at fixed rates, rising until one is not kept up with.
 */
final class IntakePhase {
    static final String SINGLE = "intake.single";
    static final String MULTI = "intake.multi";

    /** How long after the last record was due its effects may take for a rate to count as kept up with. */
    static final double KEPT_UP_SECONDS = 1.0;

    private IntakePhase() {
    }

    /** One measured send: alerts in it, when the first left and the last was due, when all effects were seen. */
    record Step(long alerts, long fresh, long repeats, long first, long lastDue, long done, Latency freshLatency, String stages) {
        double seconds() {
            return (done - first) / 1e9;
        }

        double alertsPerSecond() {
            return alerts / seconds();
        }

        double drainSeconds() {
            return (done - lastDue) / 1e9;
        }
    }

    /** A run of alerts through incident-service, with everything needed to see their effects. */
    static final class Pipeline implements AutoCloseable {
        final BenchRun run;
        final AlertMix mix;
        final TopicWatcher watcher;
        final RepeatCounter repeats;
        final AlertTraffic traffic;

        Pipeline(BenchRun run, String tag, int pool, long seed) {
            this.run = run;
            this.mix = new AlertMix(run.id + "-" + tag, pool, seed);
            this.watcher = TopicWatcher.start(run.infra.bootstrap(), Topics.INCIDENT_EVENTS, IncidentEvents::openedFingerprint);
            this.repeats = new RepeatCounter(run.infra.connect(run.suite.database(Suite.INCIDENT)), mix.poolPrefix());
            this.traffic = run.traffic();
        }

        /** Opens an incident for every fingerprint of the pool (this also warms the path up). */
        void openPool() {
            send("opening the pool", mix.poolOpening(), 0);
        }

        /** Sends the records (burst when rate is 0) and waits until every effect is visible. */
        Step send(String what, List<AlertMix.Notification> records, double rate) {
            Tracker fresh = watcher.track(new Tracker(what));
            long repeated = records.stream().mapToLong(AlertMix.Notification::repeats).sum();
            long opened = records.stream().mapToLong(AlertMix.Notification::fresh).sum();
            // A new fingerprint of the pool counts 1 in the sum: its incident opens with alert count 1.
            boolean poolOpening = records.stream().allMatch(r -> r.alerts().stream().allMatch(a -> a.fresh()
                    && a.fingerprint().startsWith(mix.poolPrefix())));
            repeats.expectMore(poolOpening ? opened : repeated);
            AlertTraffic.Sent sent = rate > 0
                    ? traffic.atRate(Topics.ALERTS, records, AlertTraffic::freshFingerprints, fresh, rate)
                    : traffic.burst(Topics.ALERTS, records, AlertTraffic::freshFingerprints, fresh);
            long counted = repeats.awaitCounted(run.profile.timeout(), watcher, what);
            fresh.await(run.profile.timeout(), watcher);
            long done = Math.max(counted, fresh.lastSeen());
            return new Step(sent.alerts(), opened, poolOpening ? 0 : repeated, sent.first(), sent.last(), done, fresh.latency(),
                    fresh.stages());
        }

        @Override
        public void close() {
            watcher.close();
            repeats.close();
        }
    }

    static void run(BenchRun run) {
        Profile p = run.profile;
        run.suite.ensure(Suite.INCIDENT_ALONE);
        run.awaitQuiet("alert intake");
        try (Pipeline pipeline = new Pipeline(run, "in", p.pool(), 3)) {
            run.say("opening %d incidents for the repeats to hit, then warming up ...", p.pool());
            pipeline.openPool();
            pipeline.send("warm-up, single-alert records", pipeline.mix.singles(p.warmAlerts()), 0);

            Step single = pipeline.send("burst, single-alert records", pipeline.mix.singles(p.burstAlerts()), 0);
            double singleRate = single.alertsPerSecond();
            run.results.baselines.put(SINGLE, singleRate);
            burstFigure(run, "alert intake burst, single-alert records", single, KafkaBaseline.SINGLE,
                    "≥ 0.5× raw Kafka; ≥ Alertmanager 1/request");

            int groups = Math.max(1, p.warmAlerts() / Profile.ALERTS_PER_NOTIFICATION);
            pipeline.send("warm-up, 10-alert notifications", pipeline.mix.groups(groups, Profile.ALERTS_PER_NOTIFICATION), 0);
            Step multi = pipeline.send("burst, 10-alert notifications",
                    pipeline.mix.groups(p.burstNotifications(), Profile.ALERTS_PER_NOTIFICATION), 0);
            run.results.baselines.put(MULTI, multi.alertsPerSecond());
            burstFigure(run, "alert intake burst, 10-alert notifications", multi, KafkaBaseline.MULTI_ALERTS,
                    "≥ 5× single-alert intake in alerts/s");
            Double multiVsSingle = run.results.ratio(multi.alertsPerSecond(), SINGLE);
            run.results.add(new Results.Figure("intake", "10-alert notifications vs single-alert records", "alerts/s ÷ alerts/s",
                    multi.alertsPerSecond(), "alerts/s", null, "intake, single-alert records", multiVsSingle, "≥ 5×", null));
            run.say("10-alert notifications carry %s the alerts/s of single-alert records", BenchRun.ratio(multiVsSingle));

            for (int rate : p.steadyRates()) {
                int count = (int) Math.round(rate * p.steadySeconds());
                Step step = pipeline.send("steady " + rate + " alerts/s", pipeline.mix.singles(count), rate);
                boolean keptUp = step.drainSeconds() <= KEPT_UP_SECONDS;
                run.results.add(new Results.Figure("intake", "alert intake at a steady " + rate + " alerts/s for " + p.steadySeconds() + " s",
                        "new alert due on itsm.alerts.v1 → its incident.opened event read; rate = alerts ÷ (first due → last effect)",
                        step.alertsPerSecond(), "alerts/s", step.freshLatency(), "raw Kafka",
                        run.results.ratio(step.alertsPerSecond(), KafkaBaseline.SINGLE), null,
                        (keptUp ? "kept up" : "fell behind") + String.format(java.util.Locale.ROOT, ": last effect %.2f s after the last alert was due",
                                step.drainSeconds())));
                run.say("steady %,6d alerts/s: %s, last effect %.2f s after the last send, new alerts p50 %s ms, p99 %s ms (%s)",
                        rate, keptUp ? "kept up" : "FELL BEHIND", step.drainSeconds(), BenchRun.ms(step.freshLatency().p50()),
                        BenchRun.ms(step.freshLatency().p99()), step.stages());
                if (!keptUp) {
                    break;
                }
            }
        }
    }

    private static void burstFigure(BenchRun run, String name, Step step, String kafkaBaseline, String target) {
        Double vsKafka = run.results.ratio(step.alertsPerSecond(), kafkaBaseline);
        Double vsAlertmanager = run.results.ratio(step.alertsPerSecond(),
                kafkaBaseline.equals(KafkaBaseline.SINGLE) ? AlertmanagerBaseline.ONE : AlertmanagerBaseline.HUNDRED);
        String amLabel = kafkaBaseline.equals(KafkaBaseline.SINGLE) ? "Alertmanager 1/request" : "Alertmanager 100/request";
        run.results.add(new Results.Figure("intake", name,
                "first record produced on itsm.alerts.v1 → last effect visible (new: incident.opened event; repeat: alert_count); "
                        + step.alerts() + " alerts, " + step.fresh() + " new", step.alertsPerSecond(), "alerts/s", step.freshLatency(),
                "raw Kafka (same records)", vsKafka, target, BenchRun.ratio(vsAlertmanager) + " " + amLabel));
        run.say("%s: %s alerts/s (%d alerts in %.2f s) = %s raw Kafka, %s %s; new alerts p99 %s ms", name,
                BenchRun.rate(step.alertsPerSecond()), step.alerts(), step.seconds(), BenchRun.ratio(vsKafka),
                BenchRun.ratio(vsAlertmanager), amLabel, BenchRun.ms(step.freshLatency().p99()));
    }
}
