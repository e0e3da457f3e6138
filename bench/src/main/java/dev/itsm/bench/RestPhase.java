package dev.itsm.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * REST create (POST /api/incidents with a person's token) at rising concurrency, closed loop, a fixed time
 * per step: first with incident-service alone (plus directory-service for tokens), then with the whole
 * suite, where problem-service and notification-service consume every incident created. After the sweep,
 * an open-loop run at 60 % of the best rate gives the latency a server shows when it is not saturated.
 */
final class RestPhase {
    static final String ALONE = "incident-service alone";
    static final String SUITE = "whole suite";
    private static final String[] TITLES = {"Payroll export stalled", "Mail delivery delayed", "VPN login fails",
            "Payslips missing for a team", "Calendar sync broken", "VPN drops every hour", "Tax report totals wrong",
            "Shared mailbox unreachable", "Payroll approval stuck", "Remote desktop slow"};

    private RestPhase() {
    }

    static void run(BenchRun run) {
        sweep(run, ALONE, Suite.INCIDENT_ALONE);
        sweep(run, SUITE, Suite.WHOLE);
    }

    private static void sweep(BenchRun run, String config, java.util.Set<String> services) {
        Profile p = run.profile;
        run.suite.ensure(services);
        run.awaitQuiet("REST create, " + config);
        String token = run.suite.token("sam.servicedesk");
        int port = run.suite.process(Suite.INCIDENT).port();
        int maxClients = p.restClients().stream().mapToInt(Integer::intValue).max().orElse(1);
        Supplier<HttpLoad.Body> bodies = bodies(run.id);
        run.say("REST create, %s: warming up for %.0f s at 8 clients ...", config, p.restWarmSeconds());
        double best = 0;
        try (HttpLoad load = new HttpLoad(port, "/api/incidents", token, 201, Math.max(maxClients, 64))) {
            load.closedLoop(8, 0, p.restWarmSeconds(), bodies);
            for (int clients : p.restClients()) {
                HttpLoad.Result result = load.closedLoop(clients, p.restStepWarmSeconds(), p.restStepSeconds(), bodies);
                best = Math.max(best, result.perSecond());
                Double same = run.results.ratio(result.perSecond(), PgbenchBaseline.key(clients));
                Double vsBest = run.results.ratio(result.perSecond(), PgbenchBaseline.BEST);
                run.results.rest.add(new Results.RestStep(config, clients, result.perSecond(), result.errors(), result.firstError(),
                        result.latency(), same, vsBest));
                run.say("%-22s %2d clients: %s req/s, p50 %s ms, p90 %s ms, p99 %s ms, max %s ms, %d errors (%s pgbench best)",
                        config, clients, BenchRun.rate(result.perSecond()), BenchRun.ms(result.latency().p50()),
                        BenchRun.ms(result.latency().p90()), BenchRun.ms(result.latency().p99()), BenchRun.ms(result.latency().max()),
                        result.errors(), BenchRun.ratio(vsBest));
                if (result.ok() == 0) {
                    throw new BenchFailure("REST create, " + config + ", " + clients + " clients: no request succeeded ("
                            + result.firstError() + ")");
                }
            }
            String target = config.equals(ALONE) ? "≥ 0.5× pgbench" : null;
            run.results.add(new Results.Figure("rest", "REST create, saturated, " + config,
                    "best closed-loop step: POST /api/incidents sent → 201 answered", best, "req/s", null,
                    "pgbench best (same transaction)", run.results.ratio(best, PgbenchBaseline.BEST), target, null));

            double rate = 0.6 * best;
            HttpLoad.Result open = load.openLoop(rate, 1, p.openLoopSeconds(), bodies);
            run.results.add(new Results.Figure("rest", "REST create at 60 % of saturation (" + BenchRun.rate(rate) + " req/s), " + config,
                    "open loop: request due → 201 answered", open.perSecond(), "req/s", open.latency(),
                    "pgbench, 8 clients (p99)", run.results.latencyRatio(open.latency(), "pgbench.c8"),
                    config.equals(ALONE) ? "p99 ≤ 25 ms" : null, open.errors() > 0 ? open.errors() + " errors (" + open.firstError() + ")" : null));
            run.say("%-22s open loop at %s req/s: p50 %s ms, p90 %s ms, p99 %s ms, max %s ms", config, BenchRun.rate(rate),
                    BenchRun.ms(open.latency().p50()), BenchRun.ms(open.latency().p90()), BenchRun.ms(open.latency().p99()),
                    BenchRun.ms(open.latency().max()));
        }
    }

    /** Incident reports across services, impacts and titles, so similar incidents cluster as they do in use. */
    static Supplier<HttpLoad.Body> bodies(String run) {
        AtomicLong counter = new AtomicLong();
        String[] services = {"payroll", "email", "vpn"};
        String[] levels = {"HIGH", "MEDIUM", "LOW"};
        return () -> {
            long n = counter.getAndIncrement();
            String title = TITLES[(int) (n % TITLES.length)];
            return HttpLoad.Body.of(String.format(Locale.ROOT,
                    "{\"title\":\"%s (%s-%d)\",\"description\":\"Reported by phone: %s since this morning.\",\"serviceCode\":\"%s\","
                            + "\"impact\":\"%s\",\"urgency\":\"%s\",\"symptom\":\"%s\"}",
                    title, run, n, title.toLowerCase(Locale.ROOT), services[(int) (n % services.length)],
                    levels[(int) (n % 3)], levels[(int) ((n / 3) % 3)], title.toLowerCase(Locale.ROOT)), 1);
        };
    }
}
