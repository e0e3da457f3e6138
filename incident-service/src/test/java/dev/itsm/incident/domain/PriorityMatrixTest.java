package dev.itsm.incident.domain;

import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.Urgency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityMatrixTest {

    @ParameterizedTest(name = "{0} impact × {1} urgency = {2}")
    @CsvSource({
            "HIGH,HIGH,P1", "HIGH,MEDIUM,P2", "HIGH,LOW,P3",
            "MEDIUM,HIGH,P2", "MEDIUM,MEDIUM,P3", "MEDIUM,LOW,P4",
            "LOW,HIGH,P3", "LOW,MEDIUM,P4", "LOW,LOW,P5"})
    void everyCellOfTheMatrix(Impact impact, Urgency urgency, Priority expected) {
        assertThat(PriorityMatrix.priority(impact, urgency)).isEqualTo(expected);
    }
}
