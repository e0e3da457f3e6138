package dev.itsm.bench;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Start-to-ready and resident memory of each service. Each service is stopped and started on its own
 * (the others running), timed from process start until /q/health/ready answers 200, several times (median).
 * Idle memory is VmRSS a few seconds after the last start; memory under load is the peak VmRSS while the
 * whole suite takes alerts at a fixed rate and REST creates from several clients at once, until every
 * new alert's incident event was read.
 */
final class ResourcesPhase {
    private ResourcesPhase() {
    }

    static void run(BenchRun run) {
        Profile p = run.profile;
        run.suite.ensure(Suite.WHOLE);
        run.awaitQuiet("start-to-ready");
        List<Results.Resources> rows = new ArrayList<>();
        Map<String, List<Double>> starts = new java.util.LinkedHashMap<>();
        Map<String, Long> idle = new java.util.HashMap<>();
        for (String service : Suite.SERVICES) {
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < p.starts(); i++) {
                run.suite.stop(service);
                seconds.add(run.suite.start(service));
            }
            Pause.seconds(p.idleSettleSeconds());
            idle.put(service, RssSampler.residentMiB(run.suite.process(service).pid()));
            starts.put(service, seconds);
            run.say("%-21s start → ready %s s (median of %d), idle %d MiB", service, seconds(median(seconds)), seconds.size(),
                    idle.get(service));
        }

        run.awaitQuiet("memory under load");
        run.rss.window();
        loadEverything(run, p);
        Map<String, Long> load = run.rss.windowPeaks();
        Map<String, Long> peaks = run.rss.runPeaks();
        for (String service : Suite.SERVICES) {
            List<Double> seconds = starts.get(service);
            double median = median(seconds);
            rows.add(new Results.Resources(service, seconds, median, idle.get(service), load.get(service), peaks.get(service)));
            run.results.add(new Results.Figure("resources", service + " start → ready", "process start → /q/health/ready 200, median of "
                    + seconds.size(), median, "s", null, null, null, "≤ 2.5 s", null));
            run.results.add(new Results.Figure("resources", service + " resident memory under load",
                    "peak VmRSS during the mixed load (idle: " + idle.get(service) + " MiB)", load.getOrDefault(service, -1L), "MiB",
                    null, null, null, "≤ 256 MiB", null));
            run.say("%-21s under load %d MiB (peak over the run %d MiB)", service, load.getOrDefault(service, -1L),
                    peaks.getOrDefault(service, -1L));
        }
        rows.add(new Results.Resources("kafka broker (reference)", List.of(), null, null, load.get("kafka broker"),
                peaks.get("kafka broker")));
        run.results.resources.addAll(0, rows);
    }

    /** Alerts at a fixed rate and REST creates at the same time, for the load's duration; waits for every effect. */
    private static void loadEverything(BenchRun run, Profile p) {
        run.say("mixed load for %.0f s: %d alerts/s and REST create from %d clients ...", p.loadSeconds(), p.loadAlertRate(),
                p.loadRestClients());
        try (IntakePhase.Pipeline pipeline = new IntakePhase.Pipeline(run, "res", Math.max(20, p.pool() / 4), 9)) {
            pipeline.openPool();
            String token = run.suite.token("sam.servicedesk");
            try (HttpLoad rest = new HttpLoad(run.suite.process(Suite.INCIDENT).port(), "/api/incidents", token, 201, p.loadRestClients())) {
                CompletableFuture<HttpLoad.Result> creates = CompletableFuture.supplyAsync(
                        () -> rest.closedLoop(p.loadRestClients(), 0, p.loadSeconds(), RestPhase.bodies(run.id + "-res")));
                pipeline.send("mixed load, alerts", pipeline.mix.singles((int) Math.round(p.loadAlertRate() * p.loadSeconds())),
                        p.loadAlertRate());
                HttpLoad.Result result = creates.join();
                if (result.errors() > 0 && result.ok() == 0) {
                    throw new BenchFailure("mixed load: every REST create failed (" + result.firstError() + ")");
                }
            }
        }
        // The events of the load reach problem-service and notification-service too: their memory counts until they caught up.
        run.awaitQuiet("reading memory under load");
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.2f", s);
    }

}
