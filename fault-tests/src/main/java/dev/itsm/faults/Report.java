package dev.itsm.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outcome of a run: one row per fault, the detail per kind of effect, and whether nothing was lost or doubled. */
public final class Report {
    /** How the suite looked once the traffic stopped and everything had (or had not) caught up. */
    record Settled(boolean settled, Duration took, Map<String, Long> lag, Map<String, long[]> outboxes,
                   Map<String, Long> deadLetters, String lastWait) {
    }

    private final Plan plan;
    private final List<Phase> phases;
    private final Ledger ledger;
    private final Map<Phase, List<Effects.Count>> counts;
    private final Effects.Reference reference;
    private final Settled settled;
    private final EventOrder.Findings order;
    private final Duration took;

    Report(Plan plan, List<Phase> phases, Ledger ledger, Map<Phase, List<Effects.Count>> counts, Effects.Reference reference,
           Settled settled, EventOrder.Findings order, Duration took) {
        this.plan = plan;
        this.phases = phases;
        this.ledger = ledger;
        this.counts = counts;
        this.reference = reference;
        this.settled = settled;
        this.order = order;
        this.took = took;
    }

    public List<Phase> phases() {
        return phases;
    }

    public List<Effects.Count> counts(Phase phase) {
        return counts.get(phase);
    }

    public long lost() {
        return counts.values().stream().flatMap(List::stream).mapToLong(Effects.Count::lost).sum();
    }

    public long doubled() {
        return counts.values().stream().flatMap(List::stream).mapToLong(Effects.Count::doubled).sum();
    }

    /** Answers no fault excuses: 500s, 503s without Retry-After, 4xx, hangs, writes given up. */
    public long wrongAnswers() {
        return phases.stream().mapToLong(p -> p.answers().wrong()).sum();
    }

    public long totalLag() {
        return settled.lag().values().stream().mapToLong(Long::longValue).sum();
    }

    public long outboxWaiting() {
        return settled.outboxes().values().stream().mapToLong(o -> o[0]).sum();
    }

    public long outboxParked() {
        return settled.outboxes().values().stream().mapToLong(o -> o[1]).sum();
    }

    public long deadLettered() {
        return settled.deadLetters().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Aggregates whose first event on their topic was not the one that created them. */
    public long eventsOutOfOrder() {
        return order.outOfOrder();
    }

    public boolean settled() {
        return settled.settled();
    }

    public List<String> doubts() {
        return reference.doubts();
    }

    /** Phases with a fault that never recovered. */
    public List<String> unrecovered() {
        return phases.stream().filter(p -> p.hasFault() && p.recovery() == null).map(Phase::name).toList();
    }

    /** Everything the phases noted: instances that did not come up, writes refused, Kafka refusals. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        phases.forEach(p -> p.notes().forEach(n -> notes.add(p.name() + ": " + n)));
        if (ledger.kafkaFailures() > 0) {
            notes.add(ledger.kafkaFailures() + " alert(s) were never acknowledged by Kafka");
        }
        return notes;
    }

    public boolean passed() {
        return lost() == 0 && doubled() == 0 && wrongAnswers() == 0 && totalLag() == 0 && outboxWaiting() == 0
                && outboxParked() == 0 && deadLettered() == 0 && settled() && doubts().isEmpty() && unrecovered().isEmpty()
                && ledger.kafkaFailures() == 0 && eventsOutOfOrder() == 0;
    }

    // ---- rendering ----

    private List<String> summaryHeader() {
        return List.of("fault", "alerts sent (Kafka + HTTP)", "REST creates", "effects expected", "found", "lost", "doubled",
                "503 + Retry-After", "wrong answers", "outage", "recovered after");
    }

    private List<List<String>> summaryRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Phase phase : phases) {
            long kafka = ledger.alerts().stream().filter(a -> ledger.phaseOf(a.fingerprint()) == phase
                    && a.channel() == Ledger.Channel.KAFKA).count();
            long http = ledger.alerts().stream().filter(a -> ledger.phaseOf(a.fingerprint()) == phase
                    && a.channel() == Ledger.Channel.HTTP).count();
            List<Effects.Count> c = counts.get(phase);
            rows.add(List.of(phase.name(), kafka + " + " + http, String.valueOf(ledger.keysTried(phase)),
                    String.valueOf(c.stream().mapToLong(Effects.Count::expected).sum()),
                    String.valueOf(c.stream().mapToLong(Effects.Count::found).sum()),
                    String.valueOf(c.stream().mapToLong(Effects.Count::lost).sum()),
                    String.valueOf(c.stream().mapToLong(Effects.Count::doubled).sum()),
                    String.valueOf(phase.answers().count(Answers.Kind.UNAVAILABLE)),
                    String.valueOf(phase.answers().wrong()),
                    FaultRun.seconds(phase.outage()),
                    phase.hasFault() ? (phase.recovery() == null ? "NOT RECOVERED" : FaultRun.seconds(phase.recovery())) : "-"));
        }
        return rows;
    }

    private List<String> detailHeader() {
        List<String> header = new ArrayList<>(List.of("fault"));
        counts.values().iterator().next().forEach(c -> header.add(c.effect()));
        return header;
    }

    private List<List<String>> detailRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Phase phase : phases) {
            List<String> row = new ArrayList<>(List.of(phase.name()));
            counts.get(phase).forEach(c -> row.add(c.found() + "/" + c.expected()
                    + (c.lost() > 0 ? " lost " + c.lost() : "") + (c.doubled() > 0 ? " doubled " + c.doubled() : "")));
            rows.add(row);
        }
        return rows;
    }

    private List<String> answersHeader() {
        return List.of("fault", "attempts", "2xx", "503 + Retry-After", "503 without", "other 5xx", "4xx", "connection failed",
                "hung > " + Client.REQUEST_TIMEOUT.toSeconds() + " s", "replayed", "slowest");
    }

    private List<List<String>> answersRows() {
        List<List<String>> rows = new ArrayList<>();
        for (Phase phase : phases) {
            Answers a = phase.answers();
            rows.add(List.of(phase.name(), String.valueOf(a.attempts()), String.valueOf(a.count(Answers.Kind.OK)),
                    String.valueOf(a.count(Answers.Kind.UNAVAILABLE)), String.valueOf(a.count(Answers.Kind.UNAVAILABLE_NO_RETRY_AFTER)),
                    String.valueOf(a.count(Answers.Kind.SERVER_ERROR)), String.valueOf(a.count(Answers.Kind.CLIENT_ERROR)),
                    String.valueOf(a.count(Answers.Kind.CONNECTION_FAILED)), String.valueOf(a.count(Answers.Kind.TIMED_OUT)),
                    String.valueOf(a.replays()), a.slowestMillis() + " ms"));
        }
        return rows;
    }

    private List<String> footer() {
        List<String> lines = new ArrayList<>();
        lines.add("Verdict: " + (passed() ? "PASSED" : "FAILED") + " — lost " + lost() + ", doubled " + doubled()
                + ", wrong answers " + wrongAnswers() + ", consumer lag " + totalLag() + ", outbox waiting " + outboxWaiting()
                + ", parked " + outboxParked() + ", dead letters " + deadLettered() + ", aggregates whose events arrived out of order "
                + eventsOutOfOrder() + ".");
        lines.add("Event topics: " + order.events() + " records, of which " + order.resent() + " re-sent copies (absorbed by inboxes)"
                + (order.examples().isEmpty() ? "" : "; out of order: " + order.examples()) + ".");
        lines.add("Plan: " + plan.name() + " form; " + plan.rates().kafkaAlerts() + " alerts/s on Kafka, " + plan.rates().httpAlerts()
                + " alerts/s on the webhook, " + plan.rates().restCreates() + " REST incidents/s, " + plan.rates().reads()
                + " reads/s; " + plan.groupsPerPhase()
                + " groups of " + plan.fingerprintsPerGroup() + " fingerprints per phase; outages of " + FaultRun.seconds(plan.outage())
                + plan.consumerSessionTimeout().map(t -> "; consumer session timeout " + FaultRun.seconds(t)).orElse("")
                + "; the whole run took " + FaultRun.seconds(took) + ".");
        lines.add("Settled: " + (settled.settled() ? "yes, after " + FaultRun.seconds(settled.took())
                : "NO within " + FaultRun.seconds(settled.took()) + " (" + settled.lastWait() + ")")
                + "; consumer lag per group " + settled.lag() + "; dead letters " + settled.deadLetters() + ".");
        StringBuilder outbox = new StringBuilder("Outbox rows waiting/parked:");
        settled.outboxes().forEach((s, o) -> outbox.append(' ').append(s).append(' ').append(o[0]).append('/').append(o[1]).append(';'));
        lines.add(outbox.toString());
        lines.add("Notifications per subject (from the fault-free phase): " + reference.perSubject()
                + (reference.doubts().isEmpty() ? "" : "; doubts: " + reference.doubts()));
        if (!unrecovered().isEmpty()) {
            lines.add("Not recovered: " + unrecovered());
        }
        notes().forEach(n -> lines.add("Note: " + n));
        phases.forEach(p -> lines.add("Slowest answer in '" + p.name() + "': " + p.answers().slowestMillis() + " ms, "
                + p.answers().slowest()));
        phases.forEach(p -> p.answers().unexpected().forEach(u -> lines.add("Unexpected answer in '" + p.name() + "': " + u)));
        return lines;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(table(summaryHeader(), summaryRows())).append('\n');
        out.append("Effects found/expected per kind:\n").append(table(detailHeader(), detailRows())).append('\n');
        out.append("Answers to every request attempt:\n").append(table(answersHeader(), answersRows())).append('\n');
        footer().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# Fault run (" + plan.name() + " form)\n\n");
        out.append(markdownTable(summaryHeader(), summaryRows())).append('\n');
        out.append("## Effects found/expected per kind\n\n").append(markdownTable(detailHeader(), detailRows())).append('\n');
        out.append("## Answers to every request attempt\n\n").append(markdownTable(answersHeader(), answersRows())).append('\n');
        footer().forEach(line -> out.append("- ").append(line).append('\n'));
        return out.toString();
    }

    private static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        rows.forEach(row -> appendRow(out, row, widths));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            line.append(String.format(Locale.ROOT, i == 0 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s", row.get(i))).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String markdownTable(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        rows.forEach(row -> out.append("| ").append(String.join(" | ", row)).append(" |\n"));
        return out.toString();
    }
}
