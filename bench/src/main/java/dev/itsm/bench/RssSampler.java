package dev.itsm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads VmRSS from /proc/<pid>/status of every watched process every 200 ms and keeps the peak per
 * process, both over the whole run and inside the current window (see {@link #window}).
 */
final class RssSampler implements AutoCloseable {
    private final Supplier<Map<String, Long>> pids;
    private final Map<String, Long> runPeak = new ConcurrentHashMap<>();
    private final Map<String, Long> windowPeak = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param pids the processes to watch now, by name (asked anew on every sample) */
    RssSampler(Supplier<Map<String, Long>> pids) {
        this.pids = pids;
        this.thread = new Thread(this::run, "rss-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static long residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process has exited
        }
        return -1;
    }

    /** Starts a new window: its peaks are what {@link #windowPeaks} returns. */
    void window() {
        windowPeak.clear();
        sample();
    }

    Map<String, Long> windowPeaks() {
        sample();
        return Map.copyOf(windowPeak);
    }

    Map<String, Long> runPeaks() {
        return Map.copyOf(runPeak);
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        pids.get().forEach((name, pid) -> {
            long mib = residentMiB(pid);
            if (mib > 0) {
                runPeak.merge(name, mib, Math::max);
                windowPeak.merge(name, mib, Math::max);
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
