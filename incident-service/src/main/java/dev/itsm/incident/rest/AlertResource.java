package dev.itsm.incident.rest;

import dev.itsm.contracts.RoleCode;
import dev.itsm.incident.domain.IncidentAccess;
import dev.itsm.incident.domain.IncidentAlerts;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.incident.domain.AlertOutcome;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * HTTP receivers for monitoring tools: point an Alertmanager {@code webhook_config} or a PagerDuty-style
 * sender here with an integration token that carries the ALERT_SOURCE scope.
 */
@Path("/api/alerts")
@Authenticated
@Tag(name = "Alerts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    private final IncidentAlerts alerts;
    private final CurrentActor actor;

    AlertResource(IncidentAlerts alerts, CurrentActor actor) {
        this.alerts = alerts;
        this.actor = actor;
    }

    /** How many alerts the request carried and what each did; {@code duplicate} when the same body was already received. */
    public record AlertReceipt(int alerts, boolean duplicate, List<AlertOutcome> outcomes) {
    }

    @POST
    @Path("alertmanager")
    @Operation(summary = "Prometheus Alertmanager webhook (version 4)")
    public Uni<AlertReceipt> alertmanager(String body) {
        return receive(body, IncidentAlerts.Format.ALERTMANAGER);
    }

    @POST
    @Path("pagerduty")
    @Operation(summary = "PagerDuty Events API v2 event (routing_key = service code)")
    public Uni<AlertReceipt> pagerDuty(String body) {
        return receive(body, IncidentAlerts.Format.PAGERDUTY);
    }

    @POST
    @Operation(summary = "Any accepted format: Alertmanager v4, PagerDuty v2 or an itsm.alert.signalled.v1 event")
    public Uni<AlertReceipt> any(String body) {
        return receive(body, IncidentAlerts.Format.ANY);
    }

    private Uni<AlertReceipt> receive(String body, IncidentAlerts.Format format) {
        IncidentAccess.POLICY.require(actor.get(), IncidentAccess.POST_ALERTS, RecordScope.NONE);
        return alerts.receive(body, format)
                .map(receipt -> new AlertReceipt(receipt.outcomes().size(), receipt.duplicate(), receipt.outcomes()));
    }
}
