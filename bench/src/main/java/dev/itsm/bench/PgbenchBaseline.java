package dev.itsm.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The floor for REST create: pgbench runs the transaction an incident report needs (an INSERT into incident
 * with its real columns and an INSERT into outbox with an event of the real size, one commit) against the
 * same PostgreSQL, in a database built from incident-service's own migrations. Prepared statements, TCP,
 * fsync on, as the service gets them.
 */
final class PgbenchBaseline {
    static final String DATABASE = "pgbench_incident";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: ([0-9]+)");

    static final String SCRIPT = """
            \\set n random(1, 1000000000)
            BEGIN;
            INSERT INTO incident (id, number, title, description, service_code, impact, urgency, priority, signature, status,
                origin, alert_count, assignment_group, reporter_id, opened_at, updated_at, version)
            VALUES (gen_random_uuid(), 'INC' || lpad(nextval('incident_number_seq')::text, 7, '0'),
                'Payroll export stalled on node-' || :n, 'The nightly payroll export has not progressed for 10 minutes.',
                'payroll', 'HIGH', 'MEDIUM', 'P2', 'payroll export stalled on node', 'NEW', 'MANUAL', 0, 'payroll-tier1',
                'sam.servicedesk', now(), now(), 0);
            INSERT INTO outbox (event_id, event_type, topic, record_key, payload)
            VALUES (gen_random_uuid(), 'itsm.incident.opened.v1', 'itsm.incident-events.v1', :n,
                '{"specversion":"1.0","id":"6f1c9a52-3d0b-4c55-9f63-0b1f7e2a9d41","type":"itsm.incident.opened.v1","source":"incident-service","subject":"0d9f3f5e-8f61-4a3a-b1b4-93c7a1f0c2de","time":"2026-11-23T08:00:00.123456Z","datacontenttype":"application/json","correlationid":"0d9f3f5e-8f61-4a3a-b1b4-93c7a1f0c2de","data":{"incidentId":"0d9f3f5e-8f61-4a3a-b1b4-93c7a1f0c2de","number":"INC0001234","title":"Payroll export stalled on node-17","serviceCode":"payroll","impact":"HIGH","urgency":"MEDIUM","priority":"P2","signature":"payroll export stalled on node","origin":"MANUAL","assignmentGroup":"payroll-tier1","reporterId":"sam.servicedesk","openedAt":"2026-11-23T08:00:00.123456Z"}}');
            END;
            """;

    private PgbenchBaseline() {
    }

    static String key(int clients) {
        return "pgbench.c" + clients;
    }

    static final String BEST = "pgbench.best";

    static void run(BenchRun run) {
        Profile p = run.profile;
        Path pgbench = Tools.pgbench();
        run.results.versions.put("pgbench", Tools.version(pgbench, "--version"));
        String database = run.infra.freshDatabase(DATABASE);
        try (Connection db = run.infra.connect(database)) {
            Migrations.apply(db, Migrations.of(run.root, "incident-service"));
        } catch (SQLException e) {
            throw new BenchFailure("cannot prepare " + database + ": " + e.getMessage(), e);
        }
        Path work = run.infra.dir().resolve("pgbench");
        try {
            Files.createDirectories(work);
            Files.writeString(work.resolve("incident-and-outbox.sql"), SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pgbench(run, pgbench, work, database, 8, p.pgbenchWarmSeconds(), null);
        double best = 0;
        for (int clients : p.pgbenchClients()) {
            Histogram latency = Latency.histogram();
            double tps = pgbench(run, pgbench, work, database, clients, p.pgbenchSeconds(), latency);
            best = Math.max(best, tps);
            run.results.baselines.put(key(clients), tps);
            run.results.baselineLatencies.put(key(clients), Latency.of(latency));
            run.results.add(new Results.Figure("baseline", "pgbench, incident + outbox INSERT, " + clients + " clients",
                    "BEGIN → COMMIT answered, per transaction (pgbench's own log)", tps, "TPS", Latency.of(latency), null, null, null,
                    null));
            run.say("pgbench %2d clients: %s TPS, p50 %s ms, p99 %s ms", clients, BenchRun.rate(tps),
                    BenchRun.ms(Latency.of(latency).p50()), BenchRun.ms(Latency.of(latency).p99()));
        }
        run.results.baselines.put(BEST, best);
    }

    /** One pgbench run; its per-transaction log goes into the histogram when one is given. */
    private static double pgbench(BenchRun run, Path pgbench, Path work, String database, int clients, int seconds, Histogram latency) {
        String prefix = "c" + clients + "-" + System.nanoTime();
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-n", "-M", "prepared", "-f", "incident-and-outbox.sql",
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(seconds),
                "-h", run.infra.dbHost(), "-p", String.valueOf(run.infra.dbPort()), "-U", database));
        if (latency != null) {
            command.addAll(List.of("-l", "--log-prefix=" + prefix));
        }
        command.add(database);
        String output;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", database);
            Process process = builder.start();
            output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new BenchFailure("pgbench failed (" + (process.isAlive() ? "timed out" : "exit " + process.exitValue()) + "):\n" + output);
            }
        } catch (IOException e) {
            throw new BenchFailure("cannot run pgbench: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
        Matcher failed = FAILED.matcher(output);
        if (failed.find() && Long.parseLong(failed.group(1)) > 0) {
            throw new BenchFailure("pgbench transactions failed:\n" + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new BenchFailure("pgbench printed no TPS figure:\n" + output);
        }
        if (latency != null) {
            readLog(work, prefix, latency);
        }
        return Double.parseDouble(tps.group(1));
    }

    /** pgbench -l writes "client transaction latency_us script epoch epoch_us" per transaction, one file per thread. */
    static void readLog(Path work, String prefix, Histogram latency) {
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix + ".")).toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    lines.forEach(line -> {
                        String[] fields = line.trim().split("\\s+");
                        if (fields.length >= 3) {
                            Latency.record(latency, Long.parseLong(fields[2]) * 1_000);
                        }
                    });
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (latency.getTotalCount() == 0) {
            throw new BenchFailure("pgbench wrote no transaction log under " + work);
        }
    }
}
