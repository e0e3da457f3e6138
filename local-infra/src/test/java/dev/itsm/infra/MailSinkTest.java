package dev.itsm.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MailSinkTest {

    /**
     * GreenMail's IMAP handler spins a core for ever on a connection closed without LOGOUT. The readiness probe of
     * the sink (./itsm up, the fault harness) used to do exactly that, and left one of two cores busy for the whole
     * run. After start the sink must be idle: well under a second of CPU in two seconds (a spinning core is two).
     */
    @Test
    void theSinkIsReadyAndIdleAfterItsReadinessProbe(@TempDir Path dir) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        MailSink sink = MailSink.start(root.resolve(MailSink.JAR), dir,
                new MailSink.Ports(Processes.freePort(), Processes.freePort(), Processes.freePort()), List.of("pat@example.org"));
        try {
            assertThat(MailSink.imapAnswers(sink.ports().imap())).isTrue();
            long before = cpuTicks(sink.pid());
            long start = System.nanoTime();
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpuTicks(sink.pid()) - before) / 100.0;
            assertThat(cpuSeconds).as("CPU seconds used by the idle sink in %.1f s", seconds).isLessThan(seconds / 2);
        } finally {
            Processes.stop(sink.pid(), Duration.ofSeconds(5));
        }
        assertThat(MailSink.imapAnswers(Processes.freePort())).as("nothing listens there").isFalse();
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
