package dev.itsm.notification.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;

import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) inside the test JVM; the service's mailer is pointed at it. */
public class MailSink implements QuarkusTestResourceLifecycleManager {
    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    public static List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
