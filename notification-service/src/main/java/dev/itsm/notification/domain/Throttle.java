package dev.itsm.notification.domain;

import dev.itsm.contracts.Priority;

import java.time.Duration;
import java.time.Instant;

/**
 * Less noise on the channels that reach a person outside the suite. Per person: one message per record per
 * window unless the priority rises (the rest collapse into the digest at the window's end), and at most a few
 * messages per service per window, so an alert storm on one service is a handful of messages and a digest.
 */
public final class Throttle {
    private Throttle() {
    }

    /** A window as stored; {@code null}, ended, or one that has not sent anything yet means none is open. */
    public record Window(Instant openedAt, Instant endsAt, Priority topPriority, int sent) {
        boolean openAt(Instant now) {
            return sent > 0 && endsAt.isAfter(now);
        }
    }

    public record Policy(Duration window, int perServiceLimit) {
    }

    /**
     * @param send       whether to send now; otherwise the message is suppressed and owed in the digest
     * @param reason     why it was suppressed (null when sent)
     * @param digestDue  when the digest that carries a suppressed message is due (null when sent)
     * @param record     the record window to store
     * @param service    the service window to store (null when the message names no service)
     */
    public record Decision(boolean send, String reason, Instant digestDue, Window record, Window service) {
    }

    public static Decision decide(Instant now, Policy policy, String recordLabel, Priority priority, Window record,
                                  String serviceCode, Window service) {
        boolean recordOpen = record != null && record.openAt(now);
        boolean serviceOpen = service != null && service.openAt(now);
        Instant nextEnd = now.plus(policy.window());
        if (recordOpen) {
            boolean rises = priority != null && (record.topPriority() == null || priority.ordinal() < record.topPriority().ordinal());
            if (rises) {
                return new Decision(true, null, null, new Window(now, nextEnd, priority, record.sent() + 1),
                        serviceCode == null ? null : counted(service, serviceOpen, now, nextEnd));
            }
            return new Decision(false, "collapsed: you were told about " + recordLabel + " at " + record.openedAt()
                    + "; this update comes with the digest at " + record.endsAt(), record.endsAt(), record, service);
        }
        if (serviceCode != null && serviceOpen && service.sent() >= policy.perServiceLimit()) {
            return new Decision(false, "storm on " + serviceCode + ": " + service.sent() + " messages since " + service.openedAt()
                    + "; this one comes with the digest at " + service.endsAt(), service.endsAt(), record, service);
        }
        return new Decision(true, null, null, new Window(now, nextEnd, priority, 1),
                serviceCode == null ? null : counted(service, serviceOpen, now, nextEnd));
    }

    private static Window counted(Window service, boolean open, Instant now, Instant nextEnd) {
        return open ? new Window(service.openedAt(), service.endsAt(), service.topPriority(), service.sent() + 1)
                : new Window(now, nextEnd, null, 1);
    }
}
