package dev.itsm.bench;

import dev.itsm.infra.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * ./itsm bench: the services' hot paths next to what the same machine's Kafka, PostgreSQL and Prometheus
 * Alertmanager do in the same run. One progress line per step; results as markdown, JSON and PNG plots.
 * Exits 1 when any phase could not observe what it measures, 2 on a bad command line.
 */
public final class Bench {
    private static final Map<String, Consumer<BenchRun>> RUNNERS = Map.of(
            "kafka", KafkaBaseline::run,
            "pgbench", PgbenchBaseline::run,
            "alertmanager", AlertmanagerBaseline::run,
            "intake", IntakePhase::run,
            "rest", RestPhase::run,
            "latency", LatencyPhase::run,
            "resources", ResourcesPhase::run);

    private Bench() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("itsm bench: " + e.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.usage());
            return;
        }
        System.exit(run(options));
    }

    static int run(Options options) {
        Path root = Path.of(System.getProperty("itsm.repository.root", "..")).toAbsolutePath().normalize();
        Profile profile = options.profile();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String stamp = now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'"));
        boolean official = options.allPhases() && !profile.smoke() && options.out() == null;
        Path out = options.out() != null ? options.out().toAbsolutePath()
                : official ? root.resolve("bench/results").resolve(stamp)
                : root.resolve("bench/target/bench-results").resolve(stamp + (profile.smoke() ? "-smoke" : "-partial"));

        Results results = new Results();
        results.date = now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        results.profile = profile.name();
        results.phases.addAll(options.phases());
        results.machine.putAll(Machine.describe());
        results.versions.putAll(Machine.versions(root));

        Resources resources = new Resources();
        Runtime.getRuntime().addShutdownHook(new Thread(resources::close, "bench-stop"));
        long started = System.nanoTime();
        String current = "start-up";
        int code = 0;
        try {
            System.out.printf("itsm bench (%s): %s%n", profile.name(), String.join(", ", options.phases()));
            double load = Double.parseDouble(Machine.loadAverage().replace("unknown", "0"));
            if (load > Runtime.getRuntime().availableProcessors()) {
                String note = "the machine was busy when the run started (load average " + load + " on "
                        + Runtime.getRuntime().availableProcessors() + " cores): figures are lower than on an idle machine";
                results.note(note);
                System.out.println("warning: " + note);
            }
            preflight(root, options.phases());
            results.serviceJvmOptions = ServiceProcess.jvmOptions(root.resolve("incident-service/target/quarkus-app/quarkus-run.jar"));
            System.out.println("Starting Kafka and PostgreSQL of the run's own (bench/target/bench-infra) ...");
            resources.infra = BenchInfra.start(root.resolve("bench/target/bench-infra"));
            results.versions.put("PostgreSQL", resources.infra.postgresVersion());
            resources.suite = new Suite(resources.infra, root, root.resolve("bench/target/logs"), profile.timeout());
            resources.run = new BenchRun(profile, root, UUID.randomUUID().toString().substring(0, 8), resources.infra,
                    resources.suite, results);
            List<String> phases = options.phases();
            for (int i = 0; i < phases.size(); i++) {
                current = phases.get(i);
                System.out.printf("[%d/%d] %s: %s%n", i + 1, phases.size(), current, Options.PHASES.get(current));
                long phaseStarted = System.nanoTime();
                RUNNERS.get(current).accept(resources.run);
                System.out.printf("  %s done in %.0f s%n", current, (System.nanoTime() - phaseStarted) / 1e9);
            }
            current = "report";
            results.machine.put("load average at the end", Machine.loadAverage());
            results.wallSeconds = (System.nanoTime() - started) / 1e9;
            if (profile.smoke()) {
                List<String> problems = results.problems();
                if (!problems.isEmpty()) {
                    throw new BenchFailure("the smoke run measured nothing for:\n  " + String.join("\n  ", problems));
                }
            }
            Report.write(results, out);
            if (official) {
                writeLatest(results, root.resolve("bench/results"), stamp);
            }
            System.out.printf("%nResults: %s (results.md, results.json, *.png)%s%n", out,
                    official ? "; bench/results/latest.md updated" : "");
        } catch (RuntimeException e) {
            code = 1;
            results.wallSeconds = (System.nanoTime() - started) / 1e9;
            results.note("FAILED in " + current + ": " + e.getMessage());
            System.err.printf("%nitsm bench FAILED in %s: %s%n", current, e.getMessage());
            if (!(e instanceof BenchFailure)) {
                e.printStackTrace();
            }
            System.err.println("Service logs: " + root.resolve("bench/target/logs"));
            try {
                Path failed = root.resolve("bench/target/bench-results").resolve(stamp + "-failed");
                Report.write(results, failed);
                System.err.println("What was measured before the failure: " + failed);
            } catch (RuntimeException ignored) {
                // the failure above is what matters
            }
        } finally {
            resources.close();
        }
        return code;
    }

    /** Fails before anything starts when a program or a jar the chosen phases need is missing. */
    private static void preflight(Path root, List<String> phases) {
        if (phases.contains("pgbench")) {
            Tools.pgbench();
        }
        if (phases.contains("alertmanager")) {
            Tools.alertmanager();
        }
        for (String service : Suite.SERVICES) {
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new BenchFailure(jar + " is missing: build the suite first (mvn install -DskipTests)");
            }
        }
    }

    /** bench/results/latest.md: the latest full run's table, with its plots linked from its folder. */
    private static void writeLatest(Results results, Path resultsDir, String stamp) {
        String md = Report.markdown(results, false)
                + "\n## Plots\n\n"
                + List.of("throughput", "rest-latency", "intake", "latency", "memory").stream()
                .map(name -> "![" + name + "](" + stamp + "/" + name + ".png)").reduce((a, b) -> a + "\n" + b).orElse("")
                + "\n\nAll files of this run: [" + stamp + "/](" + stamp + "/)\n";
        try {
            Files.writeString(resultsDir.resolve("latest.md"), md);
            updateReadme(results, resultsDir.getParent().getParent().resolve("README.md"), stamp);
        } catch (IOException e) {
            throw new BenchFailure("cannot write latest.md: " + e.getMessage(), e);
        }
    }

    /** The README shows the latest full run's summary between its bench markers. */
    private static void updateReadme(Results results, Path readme, String stamp) throws IOException {
        String begin = "<!-- bench:latest -->";
        String end = "<!-- /bench:latest -->";
        if (!Files.isRegularFile(readme)) {
            return;
        }
        String text = Files.readString(readme);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            return;
        }
        String block = begin + "\nLatest full run (" + results.date + ", " + results.machine.get("cores") + " cores, "
                + results.machine.get("cpu") + ", load average " + results.machine.get("load average at start")
                + " at the start; [all figures](bench/results/latest.md), [files](bench/results/" + stamp + "/)):\n\n"
                + Report.summary(results) + "\n";
        Files.writeString(readme, text.substring(0, from) + block + text.substring(to));
    }

    /** Everything the run started, stopped once: at the end, on failure, or on Ctrl-C. */
    private static final class Resources {
        private final AtomicBoolean closed = new AtomicBoolean();
        volatile BenchInfra infra;
        volatile Suite suite;
        volatile BenchRun run;

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (run != null) {
                run.close();
            }
            if (suite != null) {
                suite.close();
            }
            if (infra != null) {
                infra.close();
            }
        }
    }
}
