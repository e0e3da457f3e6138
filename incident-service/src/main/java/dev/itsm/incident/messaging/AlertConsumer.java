package dev.itsm.incident.messaging;

import dev.itsm.incident.domain.AlertIntake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Alerts that monitoring tools put on {@code itsm.alerts.v1}. */
@ApplicationScoped
public class AlertConsumer {
    private final AlertIntake intake;

    AlertConsumer(AlertIntake intake) {
        this.intake = intake;
    }

    @Incoming("alerts")
    public Uni<Void> onAlert(String record) {
        return intake.fromKafka(record);
    }
}
