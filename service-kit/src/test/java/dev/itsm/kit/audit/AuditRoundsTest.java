package dev.itsm.kit.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRoundsTest {

    private static AuditEntry entry(String id, String step) {
        return new AuditEntry("incident", id, "alertmanager", step, Map.of(), Instant.EPOCH);
    }

    @Test
    void distinctRecordsShareOneStatementAndARepeatedRecordKeepsItsOrder() {
        var rounds = AuditTrail.rounds(List.of(entry("a", "OPEN"), entry("b", "OPEN"), entry("a", "RESOLVE"), entry("c", "OPEN")));
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(0)).extracting(AuditEntry::recordId).containsExactly("a", "b", "c");
        assertThat(rounds.get(1)).extracting(AuditEntry::step).containsExactly("RESOLVE");
    }
}
