package dev.itsm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, in the order it was measured; written as markdown, JSON and plots. */
final class Results {
    /**
     * One figure: what was measured from where to where, its rate, its latency percentiles, and its ratio to the
     * baseline measured in the same run (value / baseline; for latency, p99 / baseline p99).
     */
    record Figure(String phase, String name, String path, double value, String unit, Latency latency, String baseline,
                  Double ratio, String target, String note) {
    }

    /** One concurrency step of REST create. */
    record RestStep(String config, int clients, double perSecond, long errors, String firstError, Latency latency,
                    Double vsPgbenchSameClients, Double vsPgbenchBest) {
    }

    /** Start-to-ready and resident memory of one process; start times are empty for reference processes. */
    record Resources(String name, List<Double> startSeconds, Double medianStartSeconds, Long idleMiB, Long loadMiB, Long peakMiB) {
    }

    public String date;
    public String profile;
    public List<String> phases = new ArrayList<>();
    public Map<String, String> machine = new LinkedHashMap<>();
    public Map<String, String> versions = new LinkedHashMap<>();
    public String serviceJvmOptions;
    public double wallSeconds;
    public final List<Figure> figures = new ArrayList<>();
    public final List<RestStep> rest = new ArrayList<>();
    public final List<Resources> resources = new ArrayList<>();
    public final Map<String, Double> baselines = new LinkedHashMap<>();
    public final Map<String, Latency> baselineLatencies = new LinkedHashMap<>();
    public final List<String> notes = new ArrayList<>();

    synchronized void add(Figure figure) {
        figures.add(figure);
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    /** value / baseline, or null when the baseline was not measured in this run. */
    Double ratio(double value, String baselineKey) {
        Double base = baselines.get(baselineKey);
        return base == null || base <= 0 ? null : value / base;
    }

    /** p99 / baseline p99, or null. */
    Double latencyRatio(Latency latency, String baselineKey) {
        Latency base = baselineLatencies.get(baselineKey);
        return base == null || base.p99() <= 0 || latency == null ? null : latency.p99() / base.p99();
    }

    /**
     * What a smoke run checks: every measured figure is a real number above zero with samples behind its
     * percentiles. The figures themselves are never compared with anything.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Figure figure : figures) {
            if (!Double.isFinite(figure.value()) || figure.value() <= 0) {
                problems.add(figure.phase() + " / " + figure.name() + ": no value (" + figure.value() + ")");
            }
            if (figure.latency() != null && figure.latency().count() == 0) {
                problems.add(figure.phase() + " / " + figure.name() + ": no latency samples");
            }
        }
        for (RestStep step : rest) {
            if (step.perSecond() <= 0) {
                problems.add("rest / " + step.config() + " at " + step.clients() + " clients: no successful request"
                        + (step.firstError() != null ? " (" + step.firstError() + ")" : ""));
            }
        }
        for (Resources r : resources) {
            if ((r.idleMiB() != null && r.idleMiB() <= 0) || (r.loadMiB() != null && r.loadMiB() <= 0)) {
                problems.add("resources / " + r.name() + ": no resident memory read");
            }
        }
        return problems;
    }
}
