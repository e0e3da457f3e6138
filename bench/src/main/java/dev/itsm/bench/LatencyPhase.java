package dev.itsm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itsm.contracts.Topics;

import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end latency with the whole suite running. Alerts: the mix at a fixed rate (1,000 alerts/s), latency
 * of every new alert from when its record was due on itsm.alerts.v1 until its incident.opened event was read.
 * Problems: raised and analysed through problem-service's API, then resolved at a fixed pace; latency from
 * sending the resolve request until change-service's change.drafted event naming the problem was read.
 */
final class LatencyPhase {
    private LatencyPhase() {
    }

    static void run(BenchRun run) {
        Profile p = run.profile;
        run.suite.ensure(Suite.WHOLE);
        run.awaitQuiet("end-to-end latency");
        alerts(run, p);
        run.awaitQuiet("problem resolved → change drafted");
        problems(run, p);
    }

    private static void alerts(BenchRun run, Profile p) {
        try (IntakePhase.Pipeline pipeline = new IntakePhase.Pipeline(run, "lat", p.pool(), 5)) {
            run.say("opening %d incidents for the repeats to hit, then %.0f s at %d alerts/s to warm up ...", p.pool(),
                    p.latencyWarmSeconds(), p.latencyRate());
            pipeline.openPool();
            pipeline.send("warm-up at " + p.latencyRate() + " alerts/s",
                    pipeline.mix.singles((int) Math.round(p.latencyRate() * p.latencyWarmSeconds())), p.latencyRate());
            IntakePhase.Step step = pipeline.send("end-to-end at " + p.latencyRate() + " alerts/s",
                    pipeline.mix.singles((int) Math.round(p.latencyRate() * p.latencySeconds())), p.latencyRate());
            Latency latency = step.freshLatency();
            run.results.add(new Results.Figure("latency", "alert → incident opened at " + p.latencyRate() + " alerts/s, "
                            + p.latencySeconds() + " s, whole suite",
                    "new alert due on itsm.alerts.v1 → its incident.opened event read on itsm.incident-events.v1 ("
                            + latency.count() + " new alerts among " + step.alerts() + ")",
                    step.alertsPerSecond(), "alerts/s", latency, "raw Kafka at the same rate (p99)",
                    run.results.latencyRatio(latency, KafkaBaseline.RATE_LATENCY), "p99 ≤ 150 ms",
                    String.format(java.util.Locale.ROOT, "last effect %.2f s after the last alert was due; p50 / p99 of each stage: %s",
                            step.drainSeconds(), step.stages())));
            run.say("alert → incident opened at %d alerts/s: p50 %s ms, p90 %s ms, p99 %s ms, max %s ms (%s raw Kafka p99)",
                    p.latencyRate(), BenchRun.ms(latency.p50()), BenchRun.ms(latency.p90()), BenchRun.ms(latency.p99()),
                    BenchRun.ms(latency.max()), BenchRun.ratio(run.results.latencyRatio(latency, KafkaBaseline.RATE_LATENCY)));
            run.say("  where it went (p50 / p99): %s", step.stages());
        }
    }

    private static void problems(BenchRun run, Profile p) {
        String token = run.suite.token("pat.problem");
        int total = p.problemsWarm() + p.problems();
        run.say("raising and analysing %d problems through problem-service ...", total);
        List<String> ids = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            JsonNode problem = run.suite.call(Suite.PROBLEM, "POST", "/api/problems", token,
                    "{\"title\":\"Payroll export stalls " + run.id + "-" + i + "\",\"serviceCode\":\"payroll\","
                            + "\"description\":\"the export stalls every night\"}", 201);
            String id = problem.path("id").asText();
            run.suite.call(Suite.PROBLEM, "POST", "/api/problems/" + id + "/assess", token, "{}", 200);
            run.suite.call(Suite.PROBLEM, "POST", "/api/problems/" + id + "/analyse", token, "{}", 200);
            ids.add(id);
        }
        try (TopicWatcher watcher = TopicWatcher.start(run.infra.bootstrap(), Topics.CHANGE_EVENTS, IncidentEvents::draftedProblem)) {
            resolve(run, watcher, token, ids.subList(0, p.problemsWarm()), p, "warm-up");
            Tracker drafted = resolve(run, watcher, token, ids.subList(p.problemsWarm(), total), p, "resolved → drafted");
            Latency latency = drafted.latency();
            run.results.add(new Results.Figure("latency", "problem resolved → change drafted, whole suite",
                    "POST /api/problems/{id}/resolve sent → change.drafted event for that problem read on itsm.change-events.v1 ("
                            + p.problems() + " problems, " + p.problemsPerSecond() + " per second)",
                    p.problemsPerSecond(), "problems/s", latency, "raw Kafka one hop (p99)",
                    run.results.latencyRatio(latency, KafkaBaseline.RATE_LATENCY), "p99 ≤ 250 ms", null));
            run.say("problem resolved → change drafted: p50 %s ms, p90 %s ms, p99 %s ms, max %s ms", BenchRun.ms(latency.p50()),
                    BenchRun.ms(latency.p90()), BenchRun.ms(latency.p99()), BenchRun.ms(latency.max()));
        }
    }

    private static Tracker resolve(BenchRun run, TopicWatcher watcher, String token, List<String> ids, Profile p, String what) {
        Tracker tracker = watcher.track(new Tracker(what));
        long start = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            Pause.until(start + (long) (i * 1e9 / p.problemsPerSecond()));
            String id = ids.get(i);
            tracker.expect(id, System.nanoTime());
            run.suite.call(Suite.PROBLEM, "POST", "/api/problems/" + id + "/resolve", token,
                    "{\"rootCause\":\"the export job holds a table lock\",\"fix\":\"batch the export\"}", 200);
        }
        tracker.await(run.profile.timeout(), watcher);
        return tracker;
    }
}
