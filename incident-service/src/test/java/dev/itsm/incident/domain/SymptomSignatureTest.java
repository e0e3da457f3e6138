package dev.itsm.incident.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymptomSignatureTest {

    @Test
    void volatilePartsAreMaskedSoSimilarSymptomsMatch() {
        assertThat(SymptomSignature.of("Timeout on node-17 after 30s"))
                .isEqualTo(SymptomSignature.of("timeout on NODE-4 after 12s"))
                .isEqualTo("timeout on node # after #s");
    }

    @Test
    void idsAndHashesAreMasked() {
        assertThat(SymptomSignature.of("job 3f2a9c1d failed for 0b6c1f1e-8a57-4c1f-9f0e-2a4b5c6d7e8f"))
                .isEqualTo("job # failed for #");
    }

    @Test
    void differentSymptomsStayDifferent() {
        assertThat(SymptomSignature.of("HighRequestLatency")).isNotEqualTo(SymptomSignature.of("DiskFull"));
    }

    @Test
    void blankTextIsRejected() {
        assertThatThrownBy(() -> SymptomSignature.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
