package dev.itsm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void writesTheTableTheJsonAndEveryPlot(@TempDir Path dir) throws Exception {
        Results results = sample();
        Report.write(results, dir);
        String md = Files.readString(dir.resolve("results.md"));
        assertThat(md).contains("| alert intake burst, single-alert records | 1,000 alerts/s |")
                .contains("0.010× raw Kafka").contains("REST create").contains("incident-service")
                .contains("## Summary").contains("| alert intake, single-alert records (burst) | 1,000 alerts/s | 0.010× raw Kafka");
        assertThat(new ObjectMapper().readTree(dir.resolve("results.json").toFile()).path("figures")).hasSize(2);
        for (String plot : List.of("throughput", "rest-latency", "intake", "latency", "memory")) {
            assertThat(dir.resolve(plot + ".png")).isNotEmptyFile();
        }
    }

    @Test
    void aSmokeRunIsBrokenWhenAFigureHasNoValueButNeverForItsSize() {
        Results results = sample();
        assertThat(results.problems()).isEmpty();
        results.add(new Results.Figure("intake", "nothing seen", "a → b", 0, "alerts/s", null, null, null, null, null));
        assertThat(results.problems()).singleElement().asString().contains("nothing seen");
    }

    @Test
    void pgbenchTransactionLogsBecomePercentiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c8-1.1234"), "0 1 1500 0 1700000000 1\n1 1 2500 0 1700000000 2\n");
        Files.writeString(dir.resolve("c8-1.1234.1"), "2 1 3500 0 1700000000 3\n");
        Histogram histogram = Latency.histogram();
        PgbenchBaseline.readLog(dir, "c8-1", histogram);
        Latency latency = Latency.of(histogram);
        assertThat(latency.count()).isEqualTo(3);
        assertThat(latency.p50()).isBetween(2.4, 2.6);
        assertThat(latency.max()).isBetween(3.4, 3.6);
        assertThat(dir.resolve("c8-1.1234")).doesNotExist();
    }

    private static Results sample() {
        Results results = new Results();
        results.date = "2026-11-23 12:00 UTC";
        results.profile = "smoke";
        results.phases.addAll(List.of("kafka", "intake", "rest", "resources"));
        results.machine.putAll(Machine.describe());
        results.versions.put("Java", "17");
        results.serviceJvmOptions = "-XX:+UseSerialGC";
        Histogram histogram = Latency.histogram();
        for (int i = 1; i <= 100; i++) {
            Latency.record(histogram, i * 1_000_000L);
        }
        Latency latency = Latency.of(histogram);
        results.baselines.put(KafkaBaseline.SINGLE, 100_000.0);
        results.baselines.put(IntakePhase.SINGLE, 1_000.0);
        results.baselines.put("pgbench.c8", 4_000.0);
        results.add(new Results.Figure("baseline", "raw Kafka, single-alert records (burst)", "a → b", 100_000, "records/s", latency,
                null, null, null, null));
        results.add(new Results.Figure("intake", "alert intake burst, single-alert records", "a → b", 1_000, "alerts/s", latency,
                "raw Kafka", results.ratio(1_000, KafkaBaseline.SINGLE), "≥ 0.5×", null));
        results.rest.add(new Results.RestStep(RestPhase.ALONE, 1, 300, 0, null, latency, 0.2, 0.1));
        results.rest.add(new Results.RestStep(RestPhase.ALONE, 8, 600, 0, null, latency, 0.15, 0.15));
        results.resources.add(new Results.Resources("incident-service", List.of(3.1, 2.9, 3.0), 3.0, 150L, 200L, 210L));
        return results;
    }
}
