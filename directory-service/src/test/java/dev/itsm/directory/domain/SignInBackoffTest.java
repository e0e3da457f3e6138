package dev.itsm.directory.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SignInBackoffTest {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofMinutes(15);

    @Test
    void noLockBelowTheThresholdThenDoublingUpToTheLongest() {
        assertThat(SignInBackoff.lockFor(4, 5, FIRST, LONGEST)).isZero();
        assertThat(SignInBackoff.lockFor(5, 5, FIRST, LONGEST)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignInBackoff.lockFor(6, 5, FIRST, LONGEST)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInBackoff.lockFor(10, 5, FIRST, LONGEST)).isEqualTo(Duration.ofSeconds(32));
        assertThat(SignInBackoff.lockFor(30, 5, FIRST, LONGEST)).isEqualTo(LONGEST);
        assertThat(SignInBackoff.lockFor(Integer.MAX_VALUE, 5, FIRST, LONGEST)).isEqualTo(LONGEST);
    }
}
