package dev.itsm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Writes a run's results as results.md, results.json and PNG plots into its folder. */
final class Report {
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("baseline", "Baselines (same machine, same run)");
        SECTIONS.put("intake", "Alert intake (incident-service + directory-service)");
        SECTIONS.put("latency", "End-to-end latency (whole suite)");
        SECTIONS.put("rest", "REST create");
        SECTIONS.put("resources", "Resources");
    }

    private Report() {
    }

    static void write(Results results, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("results.md"), markdown(results, true));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), results);
            charts(results, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    static String markdown(Results r, boolean withPlots) {
        StringBuilder md = new StringBuilder();
        md.append("# ./itsm bench, ").append(r.date).append(" (").append(r.profile).append(" run)\n\n");
        md.append("- Machine: ").append(r.machine.get("cpu")).append(", ").append(r.machine.get("cores")).append(" cores, ")
                .append(r.machine.get("memory")).append(" RAM, ").append(r.machine.get("os"))
                .append("; load average ").append(r.machine.get("load average at start")).append(" at the start, ")
                .append(r.machine.getOrDefault("load average at the end", "?")).append(" at the end\n");
        md.append("- Versions: ");
        List<String> versions = new ArrayList<>();
        r.versions.forEach((k, v) -> versions.add(k + " " + v));
        md.append(String.join("; ", versions)).append('\n');
        md.append("- Services run with `JAVA_TOOL_OPTIONS=").append(r.serviceJvmOptions).append("` (deploy/base/jvm.env)\n");
        md.append("- Phases: ").append(String.join(", ", r.phases))
                .append(String.format(Locale.ROOT, "; the run took %.1f min\n", r.wallSeconds / 60));
        md.append("- Every figure stands next to its ratio to a baseline measured in the same run on the same machine. ")
                .append("Targets are those of the hot-path work; the run reports them, it does not check them.\n\n");
        md.append("## Summary\n\n").append(summary(r)).append('\n');

        for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
            List<Results.Figure> figures = r.figures.stream().filter(f -> f.phase().equals(section.getKey())).toList();
            if (figures.isEmpty() && !(section.getKey().equals("rest") && !r.rest.isEmpty())) {
                continue;
            }
            md.append("## ").append(section.getValue()).append("\n\n");
            if (section.getKey().equals("resources")) {
                resources(r, md);
                continue;
            }
            md.append("| measurement | rate | p50 ms | p90 ms | p99 ms | max ms | vs baseline | target | measured from → to |\n");
            md.append("|---|--:|--:|--:|--:|--:|---|---|---|\n");
            for (Results.Figure f : figures) {
                Latency l = f.latency();
                md.append("| ").append(f.name()).append(" | ").append(BenchRun.rate(f.value())).append(' ').append(f.unit())
                        .append(" | ").append(l == null ? "" : BenchRun.ms(l.p50()))
                        .append(" | ").append(l == null ? "" : BenchRun.ms(l.p90()))
                        .append(" | ").append(l == null ? "" : BenchRun.ms(l.p99()))
                        .append(" | ").append(l == null ? "" : BenchRun.ms(l.max()))
                        .append(" | ").append(f.baseline() == null ? "" : BenchRun.ratio(f.ratio()) + " " + f.baseline())
                        .append(f.note() == null ? "" : (f.baseline() == null ? "" : "; ") + f.note())
                        .append(" | ").append(f.target() == null ? "" : f.target())
                        .append(" | ").append(f.path()).append(" |\n");
            }
            md.append('\n');
            if (section.getKey().equals("rest") && !r.rest.isEmpty()) {
                md.append("Closed loop, each step ").append("measured after its own warm-up; latency = POST sent → 201 answered.\n\n");
                md.append("| configuration | clients | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | vs pgbench (same clients) | vs pgbench best |\n");
                md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
                for (Results.RestStep s : r.rest) {
                    md.append("| ").append(s.config()).append(" | ").append(s.clients()).append(" | ").append(BenchRun.rate(s.perSecond()))
                            .append(" | ").append(BenchRun.ms(s.latency().p50())).append(" | ").append(BenchRun.ms(s.latency().p90()))
                            .append(" | ").append(BenchRun.ms(s.latency().p99())).append(" | ").append(BenchRun.ms(s.latency().max()))
                            .append(" | ").append(s.errors()).append(s.firstError() == null ? "" : " (" + s.firstError() + ")")
                            .append(" | ").append(s.vsPgbenchSameClients() == null ? "" : BenchRun.ratio(s.vsPgbenchSameClients()))
                            .append(" | ").append(BenchRun.ratio(s.vsPgbenchBest())).append(" |\n");
                }
                md.append('\n');
            }
        }
        if (!r.notes.isEmpty()) {
            md.append("## Notes\n\n");
            r.notes.forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        md.append("""
                ## How it is measured

                - Everything runs on this one machine: a Kafka broker (KRaft, one node) and PostgreSQL started fresh for the run,
                  the services from their runnable jars as `./itsm up` starts them, and the load generators. Load generator and
                  servers share the cores.
                - Alerts are Alertmanager webhooks (version 4): 80 % repeats of fingerprints that have an open incident, 20 % new;
                  single-alert records keyed by fingerprint, or group notifications of 10 alerts of one alert name (8 open, 2 new).
                  A new alert is handled when its `incident.opened` event is read from `itsm.incident-events.v1`; a repeat when the
                  alert count of its open incident has grown (one SQL sum over the run's open incidents, polled every 20 ms).
                  A phase only ends when every effect was seen; otherwise the run fails.
                - Burst: all records handed to the producer at once; rate = alerts ÷ (first record sent → last effect seen).
                  Steady rate and end-to-end: one record every 1/rate s; latency counts from when a record was due, so a sender
                  that falls behind cannot hide a queue.
                - Raw Kafka: the same records, same producer settings (acks=all, idempotent), read back by a plain consumer.
                  pgbench: one transaction = INSERT into incident (its real columns) + INSERT into outbox (an event of the real
                  size), prepared statements, against a database built from incident-service's own migrations.
                  Alertmanager: the Debian package, v2 API, the same mix of alerts, closed loop from several senders.
                - REST: closed loop per step after a warm-up; open loop at 60 % of the best step with latency from the due time.
                - Memory: VmRSS from /proc/<pid>/status. Start → ready: process start until `/q/health/ready` answers 200.
                - Services started in the middle of a run begin at the end of the event topics; before each measurement the run
                  waits until every consumer group has caught up.
                - Percentiles come from HdrHistogram (3 significant digits).
                """);
        if (withPlots) {
            md.append("""

                    ## Plots

                    ![throughput against concurrency](throughput.png)
                    ![REST latency against concurrency](rest-latency.png)
                    ![alert intake against its baselines](intake.png)
                    ![latency percentiles](latency.png)
                    ![resident memory](memory.png)
                    """);
        }
        return md.toString();
    }

    /** The headline figures against the targets, in one short table (latest.md and the README show it). */
    static String summary(Results r) {
        StringBuilder md = new StringBuilder();
        md.append("| figure | measured | vs baseline (same run) | target |\n|---|--:|---|---|\n");
        find(r, "alert intake burst, single-alert records").ifPresent(f -> row(md, "alert intake, single-alert records (burst)",
                BenchRun.rate(f.value()) + " alerts/s", BenchRun.ratio(f.ratio()) + " raw Kafka; " + f.note(), f.target()));
        find(r, "alert intake burst, 10-alert notifications").ifPresent(f -> row(md, "alert intake, 10-alert notifications (burst)",
                BenchRun.rate(f.value()) + " alerts/s", BenchRun.ratio(r.ratio(f.value(), IntakePhase.SINGLE)) + " single-alert intake; "
                        + BenchRun.ratio(f.ratio()) + " raw Kafka", "≥ 5× single-alert intake"));
        r.figures.stream().filter(f -> f.name().startsWith("alert intake at a steady") && f.note() != null && f.note().startsWith("kept up"))
                .reduce((a, b) -> b).ifPresentOrElse(
                        f -> row(md, "highest steady rate kept up", f.name().replaceAll(".*steady ([0-9,]+) alerts/s.*", "$1") + " alerts/s",
                                "new alerts p99 " + BenchRun.ms(f.latency().p99()) + " ms", ""),
                        () -> r.figures.stream().filter(f -> f.name().startsWith("alert intake at a steady")).findFirst().ifPresent(
                                f -> row(md, "highest steady rate kept up", "none of those tried", f.note(), "")));
        find(r, "alert → incident opened").ifPresent(f -> row(md, "alert → incident opened, p99 at 1,000 alerts/s",
                BenchRun.ms(f.latency().p99()) + " ms", BenchRun.ratio(f.ratio()) + " raw Kafka p99", f.target()));
        find(r, "problem resolved → change drafted").ifPresent(f -> row(md, "problem resolved → change drafted, p99",
                BenchRun.ms(f.latency().p99()) + " ms", BenchRun.ratio(f.ratio()) + " raw Kafka p99 (one hop)", f.target()));
        find(r, "REST create, saturated, " + RestPhase.ALONE).ifPresent(f -> row(md, "REST create, incident-service alone, saturated",
                BenchRun.rate(f.value()) + " req/s", BenchRun.ratio(f.ratio()) + " pgbench", f.target()));
        r.figures.stream().filter(f -> f.name().startsWith("REST create at 60 %") && f.name().endsWith(RestPhase.ALONE)).findFirst()
                .ifPresent(f -> row(md, "REST create, alone, p99 at 60 % of saturation", BenchRun.ms(f.latency().p99()) + " ms",
                        BenchRun.ratio(f.ratio()) + " pgbench p99 (8 clients)", f.target()));
        find(r, "REST create, saturated, " + RestPhase.SUITE).ifPresent(f -> row(md, "REST create, whole suite, saturated",
                BenchRun.rate(f.value()) + " req/s", BenchRun.ratio(f.ratio()) + " pgbench", ""));
        r.resources.stream().filter(x -> x.name().endsWith("-service") && x.loadMiB() != null)
                .max(java.util.Comparator.comparing(Results.Resources::loadMiB))
                .ifPresent(x -> row(md, "resident memory under load, largest service", x.loadMiB() + " MiB (" + x.name() + ")", "", "≤ 256 MiB"));
        r.resources.stream().filter(x -> x.medianStartSeconds() != null)
                .max(java.util.Comparator.comparing(Results.Resources::medianStartSeconds))
                .ifPresent(x -> row(md, "start → ready, slowest service (median)",
                        String.format(Locale.ROOT, "%.2f s (%s)", x.medianStartSeconds(), x.name()), "", "≤ 2.5 s"));
        baselineRow(md, r, KafkaBaseline.SINGLE, "baseline: raw Kafka produce → consume, single-alert records", "records/s");
        baselineRow(md, r, PgbenchBaseline.BEST, "baseline: pgbench, incident + outbox (best of 1/8/32 clients)", "TPS");
        baselineRow(md, r, AlertmanagerBaseline.ONE, "baseline: Alertmanager, 1 alert per request", "alerts/s");
        baselineRow(md, r, AlertmanagerBaseline.HUNDRED, "baseline: Alertmanager, 100 alerts per request", "alerts/s");
        return md.toString();
    }

    private static java.util.Optional<Results.Figure> find(Results r, String prefix) {
        return r.figures.stream().filter(f -> f.name().startsWith(prefix)).findFirst();
    }

    private static void row(StringBuilder md, String name, String value, String vs, String target) {
        md.append("| ").append(name).append(" | ").append(value).append(" | ").append(vs == null ? "" : vs).append(" | ")
                .append(target == null ? "" : target).append(" |\n");
    }

    private static void baselineRow(StringBuilder md, Results r, String key, String name, String unit) {
        Double value = r.baselines.get(key);
        if (value != null) {
            row(md, name, BenchRun.rate(value) + " " + unit, "", "");
        }
    }

    private static void resources(Results r, StringBuilder md) {
        md.append("| process | start → ready, median s | starts s | RSS idle MiB | RSS under load MiB | peak in run MiB |\n");
        md.append("|---|--:|---|--:|--:|--:|\n");
        for (Results.Resources x : r.resources) {
            md.append("| ").append(x.name()).append(" | ")
                    .append(x.medianStartSeconds() == null ? "" : String.format(Locale.ROOT, "%.2f", x.medianStartSeconds())).append(" | ")
                    .append(String.join(", ", x.startSeconds().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList())).append(" | ")
                    .append(x.idleMiB() == null ? "" : x.idleMiB()).append(" | ")
                    .append(x.loadMiB() == null ? "" : x.loadMiB()).append(" | ")
                    .append(x.peakMiB() == null ? "" : x.peakMiB()).append(" |\n");
        }
        md.append("\nTargets: start → ready ≤ 2.5 s, resident memory ≤ 256 MiB per service under load.\n\n");
    }

    // ---- plots ----

    private static void charts(Results r, Path dir) throws IOException {
        throughput(r, dir);
        restLatency(r, dir);
        intake(r, dir);
        latency(r, dir);
        memory(r, dir);
    }

    private static void throughput(Results r, Path dir) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title("REST create vs pgbench (same transaction)")
                .xAxisTitle("concurrent clients").yAxisTitle("requests or transactions per second").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (String config : List.of(RestPhase.ALONE, RestPhase.SUITE)) {
            List<Results.RestStep> steps = r.rest.stream().filter(s -> s.config().equals(config)).toList();
            if (!steps.isEmpty()) {
                chart.addSeries("REST, " + config, steps.stream().map(s -> (double) s.clients()).toList(),
                        steps.stream().map(Results.RestStep::perSecond).toList());
            }
        }
        List<Double> clients = new ArrayList<>();
        List<Double> tps = new ArrayList<>();
        r.baselines.forEach((key, value) -> {
            if (key.matches("pgbench\\.c\\d+")) {
                clients.add(Double.parseDouble(key.substring("pgbench.c".length())));
                tps.add(value);
            }
        });
        if (!clients.isEmpty()) {
            chart.addSeries("pgbench", clients, tps).setMarker(SeriesMarkers.DIAMOND);
        }
        save(chart, dir, "throughput");
    }

    private static void restLatency(Results r, Path dir) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(520).title("REST create latency against concurrency (closed loop)")
                .xAxisTitle("concurrent clients").yAxisTitle("ms").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (String config : List.of(RestPhase.ALONE, RestPhase.SUITE)) {
            List<Results.RestStep> steps = r.rest.stream().filter(s -> s.config().equals(config)).toList();
            if (!steps.isEmpty()) {
                List<Double> x = steps.stream().map(s -> (double) s.clients()).toList();
                chart.addSeries("p50, " + config, x, positive(steps, s -> s.latency().p50()));
                chart.addSeries("p99, " + config, x, positive(steps, s -> s.latency().p99()));
            }
        }
        save(chart, dir, "rest-latency");
    }

    private static void intake(Results r, Path dir) throws IOException {
        Map<String, String> bars = new LinkedHashMap<>();
        bars.put(KafkaBaseline.SINGLE, "raw Kafka, 1/record");
        bars.put(AlertmanagerBaseline.ONE, "Alertmanager, 1/request");
        bars.put(IntakePhase.SINGLE, "intake, 1/record");
        bars.put(KafkaBaseline.MULTI_ALERTS, "raw Kafka, 10/record");
        bars.put(AlertmanagerBaseline.HUNDRED, "Alertmanager, 100/request");
        bars.put(IntakePhase.MULTI, "intake, 10/record");
        List<String> names = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        bars.forEach((key, label) -> {
            Double v = r.baselines.get(key);
            if (v != null && v > 0) {
                names.add(label);
                values.add(v);
            }
        });
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(520).title("Alerts per second: intake and its baselines (burst)")
                .yAxisTitle("alerts/s (log)").build();
        logarithmic(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(15);
        if (names.isEmpty()) {
            names.add("none measured");
            values.add(1);
        }
        chart.addSeries("alerts/s", names, values);
        save(chart, dir, "intake");
    }

    private static void latency(Results r, Path dir) throws IOException {
        List<Results.Figure> figures = r.figures.stream().filter(f -> f.latency() != null && f.latency().count() > 0
                && (f.phase().equals("latency") || f.name().contains("60 %") || f.name().startsWith("raw Kafka at")
                || f.name().startsWith("pgbench, incident + outbox INSERT, 8"))).toList();
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(560).title("Latency percentiles")
                .yAxisTitle("ms (log)").build();
        logarithmic(chart);
        chart.getStyler().setXAxisLabelRotation(10);
        List<String> names = figures.stream().map(f -> shortName(f.name())).toList();
        if (names.isEmpty()) {
            chart.addSeries("none measured", List.of("none"), List.of(1));
        } else {
            chart.addSeries("p50", names, positive(figures, f -> f.latency().p50()));
            chart.addSeries("p90", names, positive(figures, f -> f.latency().p90()));
            chart.addSeries("p99", names, positive(figures, f -> f.latency().p99()));
        }
        save(chart, dir, "latency");
    }

    private static void memory(Results r, Path dir) throws IOException {
        List<Results.Resources> rows = r.resources;
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(520).title("Resident memory (VmRSS)")
                .yAxisTitle("MiB").build();
        chart.getStyler().setXAxisLabelRotation(15);
        if (rows.isEmpty()) {
            chart.addSeries("none measured", List.of("none"), List.of(0));
        } else {
            List<String> names = rows.stream().map(x -> x.name().replace(" (reference)", "")).toList();
            chart.addSeries("idle", names, rows.stream().map(x -> (Number) (x.idleMiB() == null ? 0 : x.idleMiB())).toList());
            chart.addSeries("under load", names, rows.stream().map(x -> (Number) (x.loadMiB() == null ? 0 : x.loadMiB())).toList());
            chart.addSeries("target", names, rows.stream().map(x -> (Number) (x.name().endsWith("-service") ? 256 : 0)).toList());
        }
        save(chart, dir, "memory");
    }

    /** Bars start at zero, which a log axis cannot show: figures that span decades are drawn as points instead. */
    private static void logarithmic(CategoryChart chart) {
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(12);
    }

    private static <T> List<Double> positive(List<T> items, Function<T, Double> value) {
        return items.stream().map(value).map(v -> Math.max(v, 0.01)).toList();
    }

    private static String shortName(String name) {
        return name.replace(", whole suite", "").replace("incident + outbox INSERT, ", "").replace(" records/s", "/s")
                .replaceAll(" \\(([0-9,]+) req/s\\)", "").replace("REST create at 60 % of saturation", "REST at 60 %");
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path dir, String name) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
