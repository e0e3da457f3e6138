package dev.itsm.notification.domain;

import dev.itsm.contracts.Channel;
import dev.itsm.contracts.Priority;
import dev.itsm.kit.domain.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Preferences, retries, signatures and digests: the plain rules behind delivery. */
class DeliveryRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T21:30:00Z");

    @Test
    void channelsPerPriorityWithInAppAlwaysOn() {
        Preferences p = Preferences.of("Europe/Berlin", null, null, Map.of("P1", List.of("EMAIL", "WEBHOOK"), "default", List.of()));
        assertThat(p.channelsFor(Priority.P1, EnumSet.of(Channel.IN_APP))).containsExactlyInAnyOrder(Channel.IN_APP, Channel.EMAIL, Channel.WEBHOOK);
        assertThat(p.channelsFor(Priority.P4, EnumSet.of(Channel.EMAIL))).containsExactly(Channel.IN_APP);
        assertThat(p.channelsFor(null, EnumSet.of(Channel.EMAIL))).containsExactly(Channel.IN_APP);
        assertThat(Preferences.none().channelsFor(Priority.P2, EnumSet.of(Channel.EMAIL))).containsExactlyInAnyOrder(Channel.IN_APP, Channel.EMAIL);
    }

    @Test
    void quietHoursInThePersonsZoneAcrossMidnight() {
        Preferences p = Preferences.of("Europe/Berlin", "22:00", "07:00", Map.of());
        // 21:30 UTC is 22:30 in Berlin (CET): quiet until 07:00 Berlin = 06:00 UTC.
        assertThat(p.quietUntil(NOW)).contains(Instant.parse("2026-11-24T06:00:00Z"));
        assertThat(p.quietUntil(Instant.parse("2026-11-23T12:00:00Z"))).isEmpty();
        assertThat(Preferences.of("UTC", "12:00", "13:00", Map.of()).quietUntil(Instant.parse("2026-11-23T12:30:00Z")))
                .contains(Instant.parse("2026-11-23T13:00:00Z"));
    }

    @Test
    void badPreferencesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Preferences.of("Mars/Olympus", null, null, Map.of())).isInstanceOf(ApiProblem.class).hasMessageContaining("time zone");
        assertThatThrownBy(() -> Preferences.of("UTC", "22:00", null, Map.of())).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> Preferences.of("UTC", null, null, Map.of("P9", List.of()))).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> Preferences.of("UTC", null, null, Map.of("P1", List.of("PIGEON")))).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> Preferences.of("UTC", "25:00", "07:00", Map.of())).isInstanceOf(ApiProblem.class);
    }

    @Test
    void backoffDoublesUpToTheCapWithJitterAndHonoursRetryAfter() {
        Retries.Policy policy = new Retries.Policy(8, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofHours(1));
        assertThat(Retries.delay(policy, 1, Optional.empty(), 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Retries.delay(policy, 1, Optional.empty(), 1.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Retries.delay(policy, 3, Optional.empty(), 1.0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(Retries.delay(policy, 20, Optional.empty(), 1.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Retries.delay(policy, 70, Optional.empty(), 0.5)).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(5));
        assertThat(Retries.delay(policy, 1, Optional.of(Duration.ofSeconds(120)), 0.0)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Retries.delay(policy, 1, Optional.of(Duration.ofDays(2)), 0.0)).isEqualTo(Duration.ofHours(1));
        assertThat(Retries.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(Retries.retryAfter("Mon, 23 Nov 2026 21:31:00 GMT", NOW)).contains(Duration.ofSeconds(60));
        assertThat(Retries.retryAfter("soon", NOW)).isEmpty();
    }

    @Test
    void outcomesRetryUntilTheLastAttemptThenDeadLetter() {
        Retries.Policy policy = new Retries.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
        assertThat(Outcome.http(204, "204", Optional.empty()).next(policy, 1, NOW, 0.5).status()).isEqualTo("DELIVERED");
        Outcome.Next retry = Outcome.http(503, "503", Optional.of(Duration.ofSeconds(30))).next(policy, 1, NOW, 0.5);
        assertThat(retry.status()).isEqualTo("PENDING");
        assertThat(retry.dueAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(Outcome.http(500, "500", Optional.empty()).next(policy, 3, NOW, 0.5).status()).isEqualTo("FAILED");
        assertThat(Outcome.http(410, "410 Gone", Optional.empty()).next(policy, 1, NOW, 0.5).status()).isEqualTo("FAILED");
        assertThat(Outcome.smtp(550, "mailbox unavailable").next(policy, 1, NOW, 0.5).status()).isEqualTo("FAILED");
        assertThat(Outcome.smtp(451, "try later").next(policy, 1, NOW, 0.5).status()).isEqualTo("PENDING");
        assertThat(Outcome.unreachable("refused").next(policy, 2, NOW, 0.5).status()).isEqualTo("PENDING");
    }

    @Test
    void signaturesMatchTheStandardWebhooksExample() {
        // The example of the Standard Webhooks reference libraries.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        String fresh = WebhookSignature.newSecret();
        assertThat(fresh).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(fresh.substring(6))).hasSize(32);
        assertThat(WebhookSignature.header(List.of(fresh, secret), "m", 1, "{}").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    }

    @Test
    void aDigestGroupsAFloodOnOneRecordIntoOneLine() {
        List<Digests.Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(new Digests.Item("incident", "a", "INC1", "update " + i, NOW.plusSeconds(i)));
        }
        items.add(new Digests.Item("incident", "b", "INC2", "opened", NOW));
        Digests.Text text = Digests.compose(items, 50);
        assertThat(text.records()).isEqualTo(2);
        assertThat(text.messages()).isEqualTo(41);
        assertThat(text.body()).contains("INC1: update 39 (40 updates").contains("INC2: opened");
        assertThat(Digests.compose(items, 1).body()).contains("and 1 more records");
    }
}
