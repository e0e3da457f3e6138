package dev.itsm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of ./itsm bench. */
record Options(Profile profile, List<String> phases, boolean allPhases, Path out, boolean help) {
    /** Every phase in the order a run takes them, with what it measures. */
    static final Map<String, String> PHASES = new LinkedHashMap<>();
    /** Baselines a phase is compared with; running the phase alone runs them too. */
    static final Map<String, List<String>> NEEDS = Map.of(
            "intake", List.of("kafka", "alertmanager"),
            "latency", List.of("kafka"),
            "rest", List.of("pgbench"));

    static {
        PHASES.put("kafka", "baseline: raw Kafka produce → consume, same records");
        PHASES.put("pgbench", "baseline: pgbench, incident + outbox transaction at 1, 8, 32 clients");
        PHASES.put("alertmanager", "baseline: Prometheus Alertmanager v2 API, 1 and 100 alerts per request");
        PHASES.put("intake", "alert intake: bursts and steady rates, 80 % repeats / 20 % new");
        PHASES.put("rest", "REST create at rising concurrency, incident-service alone and the whole suite");
        PHASES.put("latency", "end-to-end latency: alert → incident opened; problem resolved → change drafted");
        PHASES.put("resources", "start → ready and resident memory of each service, idle and under load");
    }

    static final String USAGE = """
            usage: ./itsm bench [--smoke] [--phase NAME[,NAME...]]... [--out DIR]
              (no option)   the full run, about ten minutes; results in bench/results/<date-time>/ and bench/results/latest.md
              --smoke       every phase with tiny sizes (1-2 minutes on an idle machine): checks the harness works, asserts no figure
              --phase NAME  only these phases (and the baselines they are compared with); "baselines" = kafka,pgbench,alertmanager
              --out DIR     write the results there instead
            phases, in run order:
            """;

    static Options parse(String[] args) {
        Profile profile = Profile.FULL;
        Set<String> chosen = new LinkedHashSet<>();
        Path out = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> profile = Profile.SMOKE;
                case "--phase" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--phase needs a name");
                    }
                    for (String name : args[++i].split(",")) {
                        String phase = name.strip();
                        if (phase.equals("baselines")) {
                            chosen.addAll(List.of("kafka", "pgbench", "alertmanager"));
                        } else if (PHASES.containsKey(phase)) {
                            chosen.add(phase);
                        } else {
                            throw new IllegalArgumentException("unknown phase '" + phase + "' (phases: baselines, "
                                    + String.join(", ", PHASES.keySet()) + ")");
                        }
                    }
                }
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--out needs a folder");
                    }
                    out = Path.of(args[++i]);
                }
                case "-h", "--help", "help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        boolean all = chosen.isEmpty();
        Set<String> wanted = new LinkedHashSet<>(all ? PHASES.keySet() : chosen);
        for (String phase : List.copyOf(wanted)) {
            wanted.addAll(NEEDS.getOrDefault(phase, List.of()));
        }
        List<String> ordered = new ArrayList<>();
        PHASES.keySet().stream().filter(wanted::contains).forEach(ordered::add);
        return new Options(profile, ordered, all, out, help);
    }

    static String usage() {
        StringBuilder text = new StringBuilder(USAGE);
        PHASES.forEach((name, what) -> text.append(String.format("  %-13s %s%n", name, what)));
        return text.toString();
    }
}
