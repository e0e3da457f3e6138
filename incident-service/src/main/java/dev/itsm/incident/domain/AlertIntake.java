package dev.itsm.incident.domain;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where alerts come in, from the Kafka topic or the HTTP receiver alike. A delivery is processed once:
 * a suite event by its id, a raw webhook body by the hash of its bytes, so a record delivered twice, or a
 * notification the monitoring tool re-sends unchanged, changes nothing. All alerts of one delivery are
 * applied in one transaction.
 */
@ApplicationScoped
public class AlertIntake {
    public static final String KAFKA_CONSUMER = "incident-service.alerts";
    public static final String WEBHOOK_CONSUMER = "incident-service.alert-webhook";

    private final IdempotentConsumer consumer;
    private final IncidentService incidents;
    private final AlertTranslator translator;
    private final EventCodec codec;

    AlertIntake(IdempotentConsumer consumer, IncidentService incidents, EventCodec codec, IncidentConfig config) {
        this.consumer = consumer;
        this.incidents = incidents;
        this.codec = codec;
        this.translator = new AlertTranslator(codec.mapper(), config.unknownService());
    }

    /** A record from {@code itsm.alerts.v1} in any accepted format; failures go to the dead-letter topic. */
    /** Alerts from the topic wait for the directory copy, which decides their assignment group. */
    public Uni<Void> fromKafka(String record) {
        return consumer.afterDirectoryCaughtUp(() -> intake(KAFKA_CONSUMER, record, translator::translate)).replaceWithVoid();
    }

    public Uni<List<AlertOutcome>> fromAlertmanager(String body) {
        return intake(WEBHOOK_CONSUMER, body, json -> translator.fromAlertmanager(codec.mapper().readTree(json)));
    }

    public Uni<List<AlertOutcome>> fromPagerDuty(String body) {
        return intake(WEBHOOK_CONSUMER, body, json -> translator.fromPagerDuty(codec.mapper().readTree(json)));
    }

    public Uni<List<AlertOutcome>> fromAnyFormat(String body) {
        return intake(WEBHOOK_CONSUMER, body, translator::translate);
    }

    @FunctionalInterface
    interface Parser {
        List<AlertSignal> parse(String body) throws Exception;
    }

    private Uni<List<AlertOutcome>> intake(String consumerName, String body, Parser parser) {
        List<AlertSignal> alerts;
        String deliveryKey;
        Causation causation;
        try {
            alerts = parser.parse(body);
            if (codec.mapper().readTree(body).has("specversion")) {
                EventEnvelope envelope = codec.read(body);
                deliveryKey = envelope.id().toString();
                causation = Causation.causedBy(envelope);
            } else {
                deliveryKey = AlertTranslator.sha256(body);
                causation = null;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Uni.createFrom().failure(new dev.itsm.contracts.MalformedEventException("alert is not JSON: " + e.getOriginalMessage(), e));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        List<AlertOutcome> outcomes = new ArrayList<>();
        Function<AlertSignal, Causation> causationOf = alert -> causation != null ? causation
                : Causation.rootedAt("alert:" + alert.fingerprint());
        return consumer.once(consumerName, deliveryKey, () -> Multi.createFrom().iterable(alerts)
                        .onItem().transformToUniAndConcatenate(alert -> incidents.ingest(alert, causationOf.apply(alert)))
                        .collect().asList()
                        .invoke(outcomes::addAll)
                        .replaceWithVoid())
                .replaceWith(() -> outcomes);
    }
}
