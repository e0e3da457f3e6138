package dev.itsm.notification.repository;

import dev.itsm.infra.InfraTestResource;
import dev.itsm.notification.testing.MailSink;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Senders of several replicas claim at the same time: each due delivery goes to one of them, and stays theirs for the lease. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "notification-service"))
@QuarkusTestResource(MailSink.class)
class DeliveryClaimTest {
    @Inject
    DeliveryRepository deliveries;
    @Inject
    Pool pool;

    @Test
    void concurrentClaimsNeverShareADeliveryAndAClaimedOneIsNotDueAgainUntilItsLeaseEnds() {
        UUID notification = UUID.randomUUID();
        pool.preparedQuery("""
                        insert into notification (id, event_id, event_type, person_id, channel, subject, title, body, delivery_status, created_at)
                        values ($1, $2, 'itsm.test.v1', 'claim-test', 'WEBHOOK', 'x', 'claims', 'claims', 'PENDING', now())""")
                .execute(Tuple.of(notification, UUID.randomUUID())).await().atMost(Duration.ofSeconds(10));
        int rows = 300;
        pool.preparedQuery("""
                        insert into delivery (id, notification_id, channel, target, status, attempts, due_at, created_at, updated_at)
                        select gen_random_uuid(), $1, 'WEBHOOK', 'http://127.0.0.1:9/' || i, 'PENDING', 0, now() - interval '1 second', now(), now()
                        from generate_series(1, $2) i""")
                .execute(Tuple.of(notification, rows)).await().atMost(Duration.ofSeconds(10));
        // Four "replicas" claim at once, repeatedly, until nothing of this notification is due.
        Set<UUID> claimed = new HashSet<>();
        int duplicates = 0;
        for (int round = 0; round < 20; round++) {
            List<List<DeliveryRepository.Claimed>> batches = Uni.join().all(
                    deliveries.claim(25, Duration.ofMinutes(5)), deliveries.claim(25, Duration.ofMinutes(5)),
                    deliveries.claim(25, Duration.ofMinutes(5)), deliveries.claim(25, Duration.ofMinutes(5))).andFailFast()
                    .await().atMost(Duration.ofSeconds(30));
            for (List<DeliveryRepository.Claimed> batch : batches) {
                for (DeliveryRepository.Claimed c : batch) {
                    if (c.notificationId().equals(notification) && !claimed.add(c.id())) {
                        duplicates++;
                    }
                }
            }
        }
        // This replica's own sender may take some of them too; whatever the four took, none took what another did.
        assertThat(duplicates).isZero();
        assertThat(claimed).hasSizeGreaterThan(rows / 2);
    }
}
