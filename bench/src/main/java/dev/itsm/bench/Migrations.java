package dev.itsm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service's schema built from its own Flyway migrations (service-kit's db/kit and the service's
 * db/migration, in version order), so pgbench writes to exactly the tables and indexes the service does.
 */
final class Migrations {
    private Migrations() {
    }

    static List<Path> of(Path root, String service) {
        List<Path> scripts = new ArrayList<>();
        for (Path dir : List.of(root.resolve("service-kit/src/main/resources/db/kit"),
                root.resolve(service).resolve("src/main/resources/db/migration"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().matches("V[0-9._]+__.*\\.sql")).forEach(scripts::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (scripts.isEmpty()) {
            throw new BenchFailure("no migrations found for " + service + " under " + root);
        }
        scripts.sort(Comparator.comparing(Migrations::version, Migrations::compareVersions));
        return scripts;
    }

    static void apply(Connection db, List<Path> scripts) {
        for (Path script : scripts) {
            try (Statement sql = db.createStatement()) {
                sql.execute(Files.readString(script));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new BenchFailure("migration " + script.getFileName() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** "V1_0_2__name.sql" → [1, 0, 2]. */
    static long[] version(Path script) {
        String name = script.getFileName().toString();
        String version = name.substring(1, name.indexOf("__"));
        return Arrays.stream(version.split("[._]")).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    }

    static int compareVersions(long[] a, long[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }
}
