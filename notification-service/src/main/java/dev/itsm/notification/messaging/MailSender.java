package dev.itsm.notification.messaging;

import dev.itsm.contracts.EventCodec;
import dev.itsm.notification.config.NotificationConfig;
import dev.itsm.notification.domain.InboxMessage;
import dev.itsm.notification.domain.Outcome;
import dev.itsm.notification.repository.DeliveryRepository;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * E-mail over SMTP with Quarkus Mailer: a plain-text and an HTML body from the Qute templates, and threading per
 * record. Every message of one record points at the same thread root in In-Reply-To and References, so mail
 * clients show an incident, a problem or a change as one conversation.
 */
@ApplicationScoped
public class MailSender {
    private final ReactiveMailer mailer;
    private final Template text;
    private final Template html;
    private final NotificationConfig config;
    private final EventCodec codec;

    MailSender(ReactiveMailer mailer, @Location("mail/notification.txt") Template text,
               @Location("mail/notification.html") Template html, NotificationConfig config, EventCodec codec) {
        this.mailer = mailer;
        this.text = text;
        this.html = html;
        this.config = config;
        this.codec = codec;
    }

    public Uni<Outcome> send(DeliveryRepository.Claimed delivery) {
        Mail mail;
        try {
            mail = compose(delivery);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(Outcome.refused("cannot compose the message: " + e.getMessage()));
        }
        return mailer.send(mail)
                .replaceWith(() -> Outcome.smtp(250, "250 accepted for delivery to " + delivery.target()))
                .onFailure().recoverWithItem(MailSender::classify);
    }

    Mail compose(DeliveryRepository.Claimed d) {
        List<InboxMessage.LinkedAction> actions = InboxMessage.actions(d.actions(), codec.mapper());
        String recordLabel = d.recordNumber() != null ? d.recordNumber() : d.recordKind();
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("title", d.title());
        data.put("body", d.body() == null ? "" : d.body());
        data.put("lines", Arrays.stream((d.body() == null ? "" : d.body()).split("\n")).filter(l -> !l.isBlank()).toList());
        data.put("link", d.link());
        data.put("recordLabel", recordLabel == null ? "the record" : recordLabel);
        data.put("actions", actions);
        String subject = config.mail().subjectPrefix() + (d.recordNumber() != null && !d.title().contains(d.recordNumber())
                ? "[" + d.recordNumber() + "] " : "") + d.title();
        Mail mail = Mail.withText(d.target(), subject, text.data(data).render()).setHtml(html.data(data).render());
        String domain = config.mail().messageIdDomain();
        mail.addHeader("Message-ID", "<" + d.id() + "@" + domain + ">");
        if (d.recordKind() != null && !"digest".equals(d.recordKind())) {
            String thread = "<" + d.recordKind() + "." + d.subject() + "@" + domain + ">";
            mail.addHeader("In-Reply-To", thread);
            mail.addHeader("References", thread);
        }
        mail.addHeader("X-ITSM-Event-Type", d.eventType());
        return mail;
    }

    /** An SMTP reply code when the server gave one (5xx is final); otherwise the server could not be reached. */
    static Outcome classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.ext.mail.SMTPException smtp) {
                return Outcome.smtp(smtp.getReplyCode(), String.join(" ", smtp.getReplyMessages()));
            }
        }
        return Outcome.unreachable(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
