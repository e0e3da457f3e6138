package dev.itsm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The baselines' own programs (pgbench, Alertmanager), found on this machine. */
final class Tools {
    private Tools() {
    }

    static Path pgbench() {
        return find(List.of("pgbench"), "/usr/lib/postgresql")
                .orElseThrow(() -> new BenchFailure("pgbench is not installed: it comes with the Debian package postgresql-client "
                        + "(apt-get install -y postgresql-client; ./itsm bench installs it when run as root)"));
    }

    static Path alertmanager() {
        return find(List.of("prometheus-alertmanager", "alertmanager"), null)
                .orElseThrow(() -> new BenchFailure("Prometheus Alertmanager is not installed: it is the Debian package "
                        + "prometheus-alertmanager (apt-get install -y prometheus-alertmanager; ./itsm bench installs it when run as root)"));
    }

    private static Optional<Path> find(List<String> names, String extraRoot) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!entry.isBlank()) {
                dirs.add(Path.of(entry));
            }
        }
        if (extraRoot != null && Files.isDirectory(Path.of(extraRoot))) {
            try (Stream<Path> versions = Files.list(Path.of(extraRoot))) {
                versions.sorted(java.util.Comparator.reverseOrder()).forEach(v -> dirs.add(v.resolve("bin")));
            } catch (IOException ignored) {
                // nothing more to search
            }
        }
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The first line a program prints for its version flag. */
    static String version(Path program, String flag) {
        try {
            Process process = new ProcessBuilder(program.toString(), flag).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
