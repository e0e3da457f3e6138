package dev.itsm.infra;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A local mail sink for ./itsm up: GreenMail standalone in its own JVM, with a mailbox per demo person, so the
 * e-mail the suite sends can be read over IMAP or POP3. Never used in production.
 */
public final class MailSink {
    /** Where local-infra's build copies the GreenMail standalone jar. */
    public static final String JAR = "local-infra/target/mail-sink/greenmail-standalone.jar";
    public static final String PASSWORD = "demo";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final long pid;
    private final Ports ports;

    public record Ports(int smtp, int imap, int pop3) {
    }

    private MailSink(long pid, Ports ports) {
        this.pid = pid;
        this.ports = ports;
    }

    /** Starts GreenMail with one user per address (login = the address's local part, password {@link #PASSWORD}). */
    public static MailSink start(Path jar, Path dir, Ports ports, List<String> addresses) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build local-infra first (mvn install -pl local-infra -am)");
        }
        for (int port : List.of(ports.smtp(), ports.imap(), ports.pop3())) {
            if (Processes.listening(port)) {
                throw new IllegalStateException("port " + port + " is already in use: cannot start the mail sink there");
            }
        }
        List<String> users = addresses.stream().map(a -> a.substring(0, a.indexOf('@')) + ":" + PASSWORD + a.substring(a.indexOf('@'))).toList();
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(), "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + ports.smtp(),
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + ports.imap(),
                "-Dgreenmail.pop3.hostname=127.0.0.1", "-Dgreenmail.pop3.port=" + ports.pop3()));
        if (!users.isEmpty()) {
            command.add("-Dgreenmail.users=" + String.join(",", users));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("greenmail.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            MailSink sink = new MailSink(process.pid(), ports);
            Instant deadline = Instant.now().plus(READY_TIMEOUT);
            while (!(Processes.listening(ports.smtp()) && imapAnswers(ports.imap()) && Processes.listening(ports.pop3()))) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the mail sink exited:\n" + Processes.tail(dir.resolve("greenmail.log"), 20));
                }
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the mail sink was not ready within " + READY_TIMEOUT);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the mail sink", e);
        }
    }

    /**
     * Whether the IMAP port greets, asked politely: GreenMail's IMAP handler spins a core for ever on a connection
     * that is closed without LOGOUT, so a bare connect-and-close readiness probe would leave one core busy.
     */
    static boolean imapAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            socket.setSoTimeout(2_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            socket.getOutputStream().write("A1 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            while (in.readLine() != null) {
                // read the farewell until the server closes the connection
            }
            return greeting != null && greeting.startsWith("* OK");
        } catch (IOException e) {
            return false;
        }
    }

    public static MailSink attach(long pid, Ports ports) {
        return new MailSink(pid, ports);
    }

    public long pid() {
        return pid;
    }

    public Ports ports() {
        return ports;
    }
}
