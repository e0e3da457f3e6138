package dev.itsm.notification.domain;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveNotificationsTest {

    @Test
    void shuttingDownEndsEveryOpenStreamCleanlyAndNewOnesAtOnce() {
        LiveNotifications live = new LiveNotifications(null, null, null);
        AssertSubscriber<InboxMessage> open = live.forPerson("p1").subscribe().withSubscriber(AssertSubscriber.create(10));
        assertThat(live.openStreams()).isEqualTo(1);
        live.endStreams();
        open.assertCompleted();
        assertThat(live.openStreams()).isZero();
        live.forPerson("p1").subscribe().withSubscriber(AssertSubscriber.create(1)).assertCompleted();
    }
}
