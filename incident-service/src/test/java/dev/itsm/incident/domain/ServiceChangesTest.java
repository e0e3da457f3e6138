package dev.itsm.incident.domain;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.testing.ContractSchemas;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer side of change-service's contracts: its schema examples, merged per change in poll order. */
class ServiceChangesTest {
    private final EventCodec codec = new EventCodec();

    private EventEnvelope event(String type, UUID change, Map<String, ?> data) {
        return codec.read(ContractSchemas.exampleEvent(type, change.toString(), data));
    }

    @Test
    void thePollsEventsOfOneChangeMergeIntoWhenItsImplementationBeganAndEnded() {
        UUID change = UUID.randomUUID();
        Instant started = Instant.parse("2026-11-23T09:00:00Z");
        Instant done = Instant.parse("2026-11-23T09:40:00Z");
        List<ServiceChanges.Known> merged = ServiceChanges.merge(List.of(
                event(EventTypes.CHANGE_STATUS_CHANGED, change, Map.of("changeId", change, "from", "SCHEDULED", "to", "IMPLEMENT",
                        "changedAt", started)),
                event(EventTypes.CHANGE_IMPLEMENTED, change, Map.of("changeId", change, "implementedAt", done)),
                event(EventTypes.CHANGE_STATUS_CHANGED, change, Map.of("changeId", change, "from", "IMPLEMENT", "to", "REVIEW",
                        "changedAt", done)),
                codec.read(ContractSchemas.examples(EventTypes.CHANGE_DRAFTED).get(0))), codec);
        assertThat(merged).singleElement().satisfies(known -> {
            assertThat(known.changeId()).isEqualTo(change);
            assertThat(known.serviceCode()).isEqualTo("payroll");
            assertThat(known.implementationStartedAt()).isEqualTo(started);
            assertThat(known.implementedAt()).isEqualTo(done);
            assertThat(known.status()).isEqualTo("REVIEW");
        });
    }
}
