package dev.itsm.bench;

import dev.itsm.infra.Processes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What users compare alert intake with: Prometheus Alertmanager (the Debian package), started on a free
 * port with a minimal configuration and no cluster peers, ingesting the same alert mix through its v2 API
 * (POST /api/v2/alerts) from several concurrent senders, one alert per request and 100 per request.
 * Alertmanager keeps alerts in memory and persists nothing.
 */
final class AlertmanagerBaseline {
    static final String ONE = "alertmanager.1";
    static final String HUNDRED = "alertmanager.100";
    private static final String CONFIG = """
            route:
              receiver: blackhole
              group_by: ['alertname']
            receivers:
              - name: blackhole
            """;

    private AlertmanagerBaseline() {
    }

    static void run(BenchRun run) {
        Profile p = run.profile;
        Path binary = Tools.alertmanager();
        run.results.versions.put("Alertmanager", Tools.version(binary, "--version"));
        Path dir = run.infra.dir().resolve("alertmanager");
        int port = Processes.freePort();
        Process process = start(binary, dir, port);
        run.referencePids.put("alertmanager", process.pid());
        try {
            awaitReady(process, port, dir);
            AlertMix mix = new AlertMix(run.id + "-am", p.amPool(), 11);
            try (HttpLoad load = new HttpLoad(port, "/api/v2/alerts", null, 200, p.amSenders())) {
                // The pool becomes Alertmanager's firing alerts, which the repeats of the mix then hit.
                String refused = load.sendEach(mix.poolApiBodies(100));
                if (refused != null) {
                    throw new BenchFailure("Alertmanager did not take the alert pool: " + refused);
                }
                for (int perRequest : List.of(1, 100)) {
                    HttpLoad.Result result = load.closedLoop(p.amSenders(), p.amWarmSeconds(), p.amSeconds(),
                            () -> HttpLoad.Body.of(mix.apiBody(perRequest), perRequest));
                    if (result.errors() > 0 || result.ok() == 0) {
                        throw new BenchFailure("Alertmanager answered " + result.errors() + " of " + (result.ok() + result.errors())
                                + " requests with an error: " + result.firstError());
                    }
                    String key = perRequest == 1 ? ONE : HUNDRED;
                    run.results.baselines.put(key, result.itemsPerSecond());
                    run.results.add(new Results.Figure("baseline", "Alertmanager v2 API, " + perRequest + " alert"
                                    + (perRequest == 1 ? "" : "s") + " per request, " + p.amSenders() + " senders",
                            "POST /api/v2/alerts sent → 200 answered (closed loop)", result.itemsPerSecond(), "alerts/s",
                            result.latency(), null, null, null, BenchRun.rate(result.perSecond()) + " requests/s"));
                    run.say("Alertmanager, %3d per request: %s alerts/s (%s requests/s, p99 %s ms)", perRequest,
                            BenchRun.rate(result.itemsPerSecond()), BenchRun.rate(result.perSecond()), BenchRun.ms(result.latency().p99()));
                }
            }
            long rss = RssSampler.residentMiB(process.pid());
            run.results.resources.add(new Results.Resources("alertmanager (reference)", List.of(), null, null, rss,
                    run.rss.runPeaks().get("alertmanager")));
        } finally {
            run.referencePids.remove("alertmanager");
            Processes.stop(process.pid(), Duration.ofSeconds(10));
        }
    }

    private static Process start(Path binary, Path dir, int port) {
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
            return new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=", "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        } catch (IOException e) {
            throw new BenchFailure("cannot start Alertmanager: " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, int port, Path dir) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchFailure("Alertmanager exited:\n" + Processes.tail(dir.resolve("alertmanager.log"), 20));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted", e);
            }
            Pause.millis(50);
        }
        throw new BenchFailure("Alertmanager was not ready within 30 s:\n" + Processes.tail(dir.resolve("alertmanager.log"), 20));
    }
}
