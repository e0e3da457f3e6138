package dev.itsm.faults;

import dev.itsm.contracts.EventTypes;
import org.awaitility.core.ConditionTimeoutException;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Runs a {@link Plan}: starts the bed, lets the traffic run, causes each fault in its own phase, waits until the
 * suite has recovered, and after the last phase waits until everything has settled and counts every effect
 * against what was sent. {@code ./itsm faults} runs the long form from the command line.
 */
public final class FaultRun {
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(5);
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(4);
    private static final Duration KILL_PAUSE = Duration.ofSeconds(2);
    /** How long effects may still appear once no consumer lags, no outbox row waits and no problem is open. */
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(45);

    private final Plan plan;
    private final Path root;
    private final Path workDir;
    private final PrintStream log;
    private final Random random = new Random();
    private FaultBed bed;
    private Ledger ledger;
    private Effects effects;
    private Traffic traffic;

    private FaultRun(Plan plan, Path root, Path workDir, PrintStream log) {
        this.plan = plan;
        this.root = root;
        this.workDir = workDir;
        this.log = log;
    }

    /** Runs the plan in {@code workDir} (emptied first) with the service jars under {@code root}, and reports. */
    public static Report run(Plan plan, Path root, Path workDir, PrintStream log) throws Exception {
        return new FaultRun(plan, root, workDir, log).run();
    }

    public static void main(String[] args) throws Exception {
        Plan plan = List.of(args).contains("--short") ? Plan.shortForm() : Plan.longForm();
        Path root = Path.of(System.getProperty("itsm.repository.root", "..")).toAbsolutePath().normalize();
        Path target = Path.of("target").toAbsolutePath();
        Report report = run(plan, root, target.resolve("fault-run"), System.out);
        System.out.println();
        System.out.println(report.text());
        Path markdown = target.resolve("fault-report-" + plan.name() + ".md");
        Files.writeString(markdown, report.markdown());
        System.out.println("Written to " + markdown);
        System.exit(report.passed() ? 0 : 1);
    }

    private Report run() throws Exception {
        deleteRecursively(workDir);
        Files.createDirectories(workDir);
        Instant begun = Instant.now();
        say("starting PostgreSQL, Kafka and " + FaultBed.INSTANCES + " instances of each of " + FaultBed.SERVICES.size()
                + " services under " + workDir);
        Map<String, String> settings = new java.util.HashMap<>();
        plan.consumerSessionTimeout().ifPresent(timeout -> {
            settings.put("KAFKA_SESSION_TIMEOUT_MS", String.valueOf(timeout.toMillis()));
            settings.put("KAFKA_HEARTBEAT_INTERVAL_MS", String.valueOf(timeout.toMillis() / 3));
        });
        bed = FaultBed.start(root, workDir.resolve("bed"), settings);
        try (Lag lag = new Lag(bed.kafkaBootstrap())) {
            say("all " + bed.all().size() + " instances ready after " + seconds(Duration.between(begun, Instant.now())));
            ledger = new Ledger();
            effects = new Effects(bed);
            List<Phase> phases = new ArrayList<>();
            Phase calm = new Phase("no fault", plan.groupsPerPhase(), plan.fingerprintsPerGroup(), random);
            phases.add(calm);
            for (Plan.Fault fault : plan.faults()) {
                phases.add(new Phase(fault.describe(), plan.groupsPerPhase(), plan.fingerprintsPerGroup(), random));
            }
            phases.forEach(ledger::register);
            traffic = new Traffic(bed, ledger, plan.rates());
            try {
                traffic.start(calm);
                calm.started();
                say("traffic: " + plan.rates().kafkaAlerts() + " alerts/s on Kafka, " + plan.rates().httpAlerts()
                        + " alerts/s on the webhook, " + plan.rates().restCreates() + " REST incidents/s, " + plan.rates().reads()
                        + " reads/s");
                hold(plan.leadIn().plus(plan.leadIn()).plus(plan.tail()));
                calm.ended();
                for (int i = 0; i < plan.faults().size(); i++) {
                    runFault(plan.faults().get(i), phases.get(i + 1));
                }
                say("traffic stops; waiting for the last retries");
                traffic.finish(Duration.ofMinutes(5));
                Report.Settled settled = settle(phases, calm, lag);
                EventOrder.Findings order = EventOrder.read(bed.kafkaBootstrap());
                Effects.Reference reference = effects.reference(calm, ledger);
                Map<Phase, List<Effects.Count>> counts = new LinkedHashMap<>();
                for (Phase phase : phases) {
                    counts.put(phase, effects.count(phase, ledger, reference));
                }
                return new Report(plan, phases, ledger, counts, reference, settled, order, Duration.between(begun, Instant.now()));
            } finally {
                traffic.close();
            }
        } finally {
            bed.close();
        }
    }

    private void runFault(Plan.Fault fault, Phase phase) throws Exception {
        traffic.phase(phase);
        phase.started();
        say(phase.name() + ": traffic runs");
        hold(plan.leadIn());
        phase.faultInjected();
        if (fault instanceof Plan.Fault.Kill kill) {
            FaultBed.Instance victim = bed.instances(kill.service()).get(0);
            victim.kill();
            say(phase.name() + ": killed; restarting in " + seconds(KILL_PAUSE));
            hold(KILL_PAUSE);
            victim.start();
            victim.awaitReady();
        } else if (fault instanceof Plan.Fault.BrokerStop) {
            bed.stopBroker();
            say(phase.name() + ": broker stopped for " + seconds(plan.outage()));
            hold(plan.outage());
            bed.startBroker();
        } else if (fault instanceof Plan.Fault.PostgresCrash) {
            bed.crashPostgres();
            say(phase.name() + ": PostgreSQL down for " + seconds(plan.outage()));
            hold(plan.outage());
            bed.startPostgres();
        } else if (fault instanceof Plan.Fault.BrokerDownAtStart downAtStart) {
            // Stopped the ordinary way first (as a rollout does), so the group does not wait for a dead member.
            List<FaultBed.Instance> restarted = downAtStart.services().stream().map(s -> bed.instances(s).get(1)).toList();
            restarted.stream().map(i -> CompletableFuture.runAsync(i::stop)).toList().forEach(CompletableFuture::join);
            bed.stopBroker();
            Instant stopped = Instant.now();
            say(phase.name() + ": broker stopped; starting instances without it");
            restarted.forEach(FaultBed.Instance::start);
            try {
                restarted.stream().map(i -> CompletableFuture.runAsync(i::awaitReady)).toList().forEach(CompletableFuture::join);
                say(phase.name() + ": every restarted instance is ready without a broker");
                restarted.stream().filter(i -> i.service().equals("incident-service")).forEach(i -> writeThrough(i, phase));
            } catch (RuntimeException e) {
                phase.note("an instance did not come up while the broker was down: " + e.getMessage());
                say(phase.name() + ": " + e.getMessage());
            }
            Duration left = plan.outage().minus(Duration.between(stopped, Instant.now()));
            if (!left.isNegative()) {
                hold(left);
            }
            bed.startBroker();
        }
        phase.healed();
        say(phase.name() + ": mended after " + seconds(phase.outage()) + "; waiting for recovery");
        Instant recovered = awaitRecovery(phase);
        if (recovered != null) {
            phase.recovered(recovered);
            say(phase.name() + ": recovered " + seconds(phase.recovery()) + " after the fault");
        } else {
            phase.note("not recovered within " + seconds(RECOVERY_LIMIT) + " of the heal");
            say(phase.name() + ": NOT recovered within " + seconds(RECOVERY_LIMIT));
        }
        hold(plan.tail());
        phase.ended();
    }

    /** A REST create sent to this very instance: it must be stored (its event waits in the outbox) and answered 201. */
    private void writeThrough(FaultBed.Instance instance, Phase phase) {
        String key = UUID.randomUUID().toString();
        ledger.keyTried(phase);
        String body = """
                {"title":"%s","serviceCode":"email","impact":"HIGH","urgency":"MEDIUM","symptom":"started without a broker %s"}"""
                .formatted(Traffic.RestTitle.of(phase, key), Phase.letters(random, 16));
        try {
            var response = traffic.client().once(HttpRequest.newBuilder(URI.create(instance.url() + "/api/incidents"))
                    .header("Authorization", "Bearer " + traffic.serviceDeskToken()).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).timeout(Client.REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (response.statusCode() == 201) {
                String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("id").asText();
                ledger.created(key, phase, id, Instant.now());
                phase.note(instance.name() + " started without a broker took a REST write: 201");
            } else {
                phase.note(instance.name() + " started without a broker answered a REST write with " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (Exception e) {
            phase.note(instance.name() + " started without a broker did not answer a REST write: " + e);
        }
    }

    /**
     * Recovered means: every instance ready, every alert sent before the heal counted on its incident, and every
     * incident that existed at the heal seen by problem-service and announced by notification-service.
     */
    private Instant awaitRecovery(Phase phase) {
        Instant heal = phase.healedAt();
        AtomicReference<Set<String>> incidentsAtHeal = new AtomicReference<>();
        AtomicReference<String> waitingFor = new AtomicReference<>("nothing checked yet");
        try {
            await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                String before = waitingFor.get();
                try {
                    if (incidentsAtHeal.get() == null) {
                        incidentsAtHeal.set(incidentIds());
                    }
                    waitingFor.set(unrecovered(heal, incidentsAtHeal.get()));
                } catch (Exception notYet) {
                    waitingFor.set("the database");
                }
                if (waitingFor.get() != null && !waitingFor.get().equals(before)) {
                    say(phase.name() + ": waiting for " + waitingFor.get());
                }
                return waitingFor.get() == null;
            });
            return Instant.now();
        } catch (ConditionTimeoutException e) {
            phase.note("still waiting for " + waitingFor.get());
            return null;
        }
    }

    /** What the suite still lacks to count as recovered, or null when it has recovered. */
    private String unrecovered(Instant heal, Set<String> incidentsAtHeal) throws Exception {
        List<String> unready = bed.all().stream().filter(i -> !i.ready()).map(FaultBed.Instance::name).toList();
        if (!unready.isEmpty()) {
            return "readiness of " + unready;
        }
        Map<String, Long> sentBefore = new java.util.HashMap<>();
        ledger.alerts().stream().filter(a -> a.sentAt().isBefore(heal))
                .forEach(a -> sentBefore.merge(a.fingerprint(), 1L, Long::sum));
        Map<String, Effects.FingerprintRow> counted = effects.byFingerprint();
        for (Map.Entry<String, Long> sent : sentBefore.entrySet()) {
            Effects.FingerprintRow row = counted.get(sent.getKey());
            if (row == null || row.alerts() < sent.getValue()) {
                return "every alert sent before the heal counted on its incident";
            }
        }
        Map<String, String> observed = effects.observations();
        if (!observed.keySet().containsAll(incidentsAtHeal)) {
            return "problem-service to see every incident";
        }
        Map<String, Integer> notifications = effects.notifications();
        if (!incidentsAtHeal.stream().allMatch(id -> notifications.containsKey(EventTypes.INCIDENT_OPENED + " " + id))) {
            return "notification-service to announce every incident";
        }
        Map<String, Integer> listening = effects.listeners();
        Map<String, Integer> expected = expectedListeners();
        if (!listening.equals(expected)) {
            return "LISTEN connections per database " + expected + ", found " + listening;
        }
        return null;
    }

    /** Every instance holds one LISTEN connection, for all its channels (outbox, deliveries, live streams). */
    private Map<String, Integer> expectedListeners() {
        Map<String, Integer> expected = new java.util.TreeMap<>();
        for (String service : FaultBed.SERVICES) {
            expected.put(FaultBed.database(service), bed.instances(service).size());
        }
        return expected;
    }

    private Set<String> incidentIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection db = bed.connect("incident-service"); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("select id::text from incident")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /**
     * Waits until the suite is quiet: no consumer lag, no outbox row waiting, every problem resolved with its
     * change drafted, and no effect missing; gives up after {@link #SETTLE_LIMIT} and reports what it found.
     */
    private Report.Settled settle(List<Phase> phases, Phase calm, Lag lag) {
        say("waiting until every consumer group has caught up and every effect is in place");
        Instant start = Instant.now();
        Settling settling = new Settling();
        boolean settled;
        try {
            await().atMost(SETTLE_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> settling.check(phases, calm, lag));
            settled = settling.waitingFor == null;
        } catch (ConditionTimeoutException e) {
            settled = false;
        }
        Duration took = Duration.between(start, Instant.now());
        say(settled ? "settled after " + seconds(took) : "not settled after " + seconds(took) + ": " + settling.waitingFor);
        Map<String, Long> deadLetters;
        try {
            deadLetters = lag.deadLetters();
        } catch (Exception e) {
            deadLetters = Map.of();
        }
        return new Report.Settled(settled, took, settling.lags, settling.outboxes, deadLetters,
                settling.waitingFor == null ? "nothing" : settling.waitingFor);
    }

    /** What settling last saw; done when everything is in place, or when nothing is in flight and effects still lack. */
    private final class Settling {
        Map<String, Long> lags = Map.of();
        Map<String, long[]> outboxes = Map.of();
        String waitingFor = "nothing checked yet";
        Instant quietSince;

        boolean check(List<Phase> phases, Phase calm, Lag lag) {
            try {
                lags = lag.byGroup();
                outboxes = effects.outboxes();
                if (lags.values().stream().anyMatch(l -> l > 0)) {
                    waitingFor = "consumer lag " + lags;
                } else if (outboxes.values().stream().anyMatch(o -> o[0] > 0)) {
                    waitingFor = "outbox rows waiting";
                } else if (traffic.problemsInProgress() > 0 || openProblems() > 0) {
                    waitingFor = "problems not resolved yet";
                } else if (missingEffects(phases, calm)) {
                    waitingFor = "effects missing";
                    quietSince = quietSince == null ? Instant.now() : quietSince;
                    // Nothing is in flight any more: what is still missing after a while stays missing.
                    return Duration.between(quietSince, Instant.now()).compareTo(QUIET_LIMIT) > 0;
                } else {
                    waitingFor = null;
                    return true;
                }
            } catch (Exception e) {
                waitingFor = "the broker or database did not answer: " + e.getMessage();
            }
            quietSince = null;
            return false;
        }
    }

    private boolean missingEffects(List<Phase> phases, Phase calm) throws Exception {
        Effects.Reference reference = effects.reference(calm, ledger);
        if (!reference.doubts().isEmpty()) {
            return true;
        }
        for (Phase phase : phases) {
            if (effects.count(phase, ledger, reference).stream().anyMatch(c -> c.lost() > 0)) {
                return true;
            }
        }
        return false;
    }

    private int openProblems() throws Exception {
        try (Connection db = bed.connect("problem-service"); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery(
                     "select count(*) from problem where status in ('NEW', 'ASSESS', 'ROOT_CAUSE_ANALYSIS', 'FIX_IN_PROGRESS')")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    // ---- helpers ----

    private void say(String line) {
        log.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        log.flush();
    }

    static String seconds(Duration d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Faults last a set time: this is that time passing, not a wait for a condition. */
    private static void hold(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
