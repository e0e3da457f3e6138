package dev.itsm.contracts;

import dev.itsm.contracts.testing.ContractSchemas;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventContractsTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void everyTypeHasASchemaWhoseExamplesValidateAndParseIntoThePayloadRecord() {
        for (EventTypes.Binding binding : EventTypes.all().values()) {
            for (String example : ContractSchemas.examples(binding.type())) {
                assertThat(ContractSchemas.validateEvent(example)).as(binding.type()).isEmpty();
                EventEnvelope envelope = codec.read(example);
                Object payload = codec.payload(envelope, binding.payload());
                assertThat(payload).isNotNull();
                // A round trip through the record must still match the schema: the record and the schema agree.
                EventEnvelope again = codec.envelope(envelope.type(), envelope.source(), envelope.subject(), envelope.time(),
                        envelope.correlationid(), envelope.causationid(), payload);
                assertThat(ContractSchemas.validateEvent(codec.write(again))).as(binding.type() + " round trip").isEmpty();
            }
        }
    }

    @Test
    void aMissingRequiredFieldOrAWrongEnumIsABreakingChange() {
        String example = ContractSchemas.examples(EventTypes.INCIDENT_OPENED).get(0);
        assertThat(ContractSchemas.validateEvent(example.replace("\"priority\":\"P2\",", ""))).isNotEmpty();
        assertThat(ContractSchemas.validateEvent(example.replace("\"P2\"", "\"P9\""))).isNotEmpty();
        assertThat(ContractSchemas.validateEvent(example.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""))).isNotEmpty();
    }

    @Test
    void inboundAlertFormatsHaveValidExamples() {
        for (String schema : new String[]{"schemas/alertmanager.webhook.v4.schema.json", "schemas/pagerduty.events.v2.schema.json"}) {
            for (String example : ContractSchemas.examplesOf(schema)) {
                assertThat(ContractSchemas.validate(schema, example)).as(schema).isEmpty();
            }
        }
        assertThat(ContractSchemas.validate("schemas/pagerduty.events.v2.schema.json",
                "{\"routing_key\":\"x\",\"event_action\":\"resolve\"}")).as("resolve needs dedup_key").isNotEmpty();
    }

    @Test
    void malformedRecordsAreRecognisedAsPoison() {
        assertThatThrownBy(() -> codec.read("{not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.read("{\"type\":\"x\"}")).isInstanceOf(MalformedEventException.class);
        EventEnvelope envelope = codec.read(ContractSchemas.examples(EventTypes.PROBLEM_RAISED).get(0));
        assertThatThrownBy(() -> codec.payload(
                new EventEnvelope(null, envelope.id(), envelope.type(), envelope.source(), envelope.subject(), envelope.time(),
                        null, null, null, null), dev.itsm.contracts.problem.ProblemRaised.class))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void roleCodesAreUniqueByDisplayName() {
        assertThat(Arrays.stream(RoleCode.values()).map(RoleCode::displayName).collect(Collectors.toSet()))
                .hasSize(RoleCode.values().length);
    }
}
