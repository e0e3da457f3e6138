package dev.itsm.directory.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void theRightSecretMatchesAndNothingElseDoes() {
        String hash = PasswordHasher.hash("correct horse");
        assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain("correct horse");
        assertThat(PasswordHasher.matches("correct horse", hash)).isTrue();
        assertThat(PasswordHasher.matches("correct horse!", hash)).isFalse();
        assertThat(PasswordHasher.matches("correct horse", null)).isFalse();
        assertThat(PasswordHasher.matches("correct horse", "md5$whatever")).isFalse();
    }

    @Test
    void theSameSecretHashesDifferentlyEachTime() {
        assertThat(PasswordHasher.hash("demo")).isNotEqualTo(PasswordHasher.hash("demo"));
    }
}
