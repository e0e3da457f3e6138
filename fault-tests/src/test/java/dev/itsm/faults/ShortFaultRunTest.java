package dev.itsm.faults;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The short form of the fault run, in every build: two instances of every service under a stream of alerts and
 * REST writes while an incident-service instance is killed, the broker stops (and an instance starts without
 * it), and PostgreSQL crashes. Nothing sent may be lost or doubled, every failed request must have been a 503
 * with Retry-After, and the suite must recover on its own. {@code ./itsm faults} runs the long form.
 */
class ShortFaultRunTest {

    @Test
    void nothingIsLostNothingDoubledAndEveryFailureIsARetryable503() throws Exception {
        Path root = Path.of(System.getProperty("itsm.repository.root", "..")).toAbsolutePath().normalize();
        Path target = Path.of("target").toAbsolutePath();
        Report report = FaultRun.run(Plan.shortForm(), root, target.resolve("fault-run"), System.out);
        Files.writeString(target.resolve("fault-report-short.md"), report.markdown());
        String table = report.text();
        System.out.println(table);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(report.lost()).as("effects lost\n%s", table).isZero();
        soft.assertThat(report.doubled()).as("effects doubled\n%s", table).isZero();
        soft.assertThat(report.wrongAnswers()).as("answers no fault excuses (5xx but 503 + Retry-After, 4xx, hangs)\n%s", table)
                .isZero();
        soft.assertThat(report.eventsOutOfOrder()).as("aggregates whose first event was not their creation\n%s", table).isZero();
        soft.assertThat(report.unrecovered()).as("faults the suite did not recover from on its own\n%s", table).isEmpty();
        soft.assertThat(report.settled()).as("every consumer caught up and every effect in place\n%s", table).isTrue();
        soft.assertThat(report.totalLag()).as("consumer lag\n%s", table).isZero();
        soft.assertThat(report.outboxWaiting() + report.outboxParked()).as("outbox rows left\n%s", table).isZero();
        soft.assertThat(report.deadLettered()).as("good records dead-lettered\n%s", table).isZero();
        soft.assertThat(report.doubts()).as("notifications of the fault-free phase\n%s", table).isEmpty();
        soft.assertThat(report.notes()).as("an instance started without the broker serves REST writes\n%s", table)
                .anyMatch(note -> note.contains("started without a broker took a REST write: 201"))
                .noneMatch(note -> note.contains("did not come up"));
        Phase crash = report.phases().stream().filter(p -> p.name().startsWith("PostgreSQL")).findFirst().orElseThrow();
        soft.assertThat(crash.answers().count(Answers.Kind.UNAVAILABLE)).as("503 + Retry-After while PostgreSQL was down\n%s", table)
                .isPositive();
        soft.assertAll();
    }
}
