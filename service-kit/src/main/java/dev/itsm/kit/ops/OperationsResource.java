package dev.itsm.kit.ops;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.outbox.OutboxRelay;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.Scope;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operations on the parts of every service that wait for a person: dead letters (list, inspect, re-drive)
 * and outbox rows Kafka would not take (list, re-drive). For IT Operations Managers and directory administrators.
 */
@Path("/api/ops")
@Authenticated
@Tag(name = "Operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {
    public enum OpsStep { INSPECT, REDRIVE }

    /** The same in every service; docs/access-policy.md, "every service". */
    public static final AccessPolicy<OpsStep> POLICY = AccessPolicy.builder(OpsStep.class)
            .allow(OpsStep.INSPECT, Scope.ANY, RoleCode.IT_OPERATIONS_MANAGER, RoleCode.DIRECTORY_ADMIN)
            .allow(OpsStep.REDRIVE, Scope.ANY, RoleCode.IT_OPERATIONS_MANAGER, RoleCode.DIRECTORY_ADMIN)
            .build();

    private final DeadLetterOperations deadLetters;
    private final OutboxRelay relay;
    private final Pool pool;
    private final CurrentActor actor;

    OperationsResource(DeadLetterOperations deadLetters, OutboxRelay relay, Pool pool, CurrentActor actor) {
        this.deadLetters = deadLetters;
        this.relay = relay;
        this.pool = pool;
        this.actor = actor;
    }

    @GET
    @Path("dead-letters")
    @Operation(summary = "The newest dead letters this service parked from a topic, with the reason")
    public Uni<List<DeadLetterOperations.DeadLetter>> deadLetters(@QueryParam("topic") String topic,
                                                                  @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        POLICY.require(actor.get(), OpsStep.INSPECT);
        if (topic == null) {
            throw ApiProblem.badRequest("name the topic whose dead letters to list, e.g. ?topic=itsm.alerts.v1");
        }
        return deadLetters.list(topic, limit);
    }

    @GET
    @Path("dead-letters/{topic}/{partition}/{offset}")
    @Operation(summary = "One dead letter: original key, value and headers, the reason, and whether it was re-driven")
    public Uni<DeadLetterOperations.DeadLetter> deadLetter(@PathParam("topic") String topic, @PathParam("partition") int partition,
                                                           @PathParam("offset") long offset) {
        POLICY.require(actor.get(), OpsStep.INSPECT);
        return deadLetters.get(topic, partition, offset);
    }

    @POST
    @Path("dead-letters/{topic}/{partition}/{offset}/redrive")
    @Operation(summary = "Process a dead letter again through the consumer that parked it (once; the letter stays as history)")
    public Uni<DeadLetterOperations.DeadLetter> redrive(@PathParam("topic") String topic, @PathParam("partition") int partition,
                                                        @PathParam("offset") long offset) {
        POLICY.require(actor.get(), OpsStep.REDRIVE);
        return deadLetters.redrive(topic, partition, offset, actor.get().id());
    }

    /** An event the outbox could not publish. */
    public record ParkedEvent(long id, String eventId, String eventType, String topic, String key, int attempts,
                              Instant createdAt, Instant parkedAt, String reason, int payloadBytes) {
    }

    @GET
    @Path("outbox/parked")
    @Operation(summary = "Events Kafka would not take, oldest first, with the reason")
    public Uni<List<ParkedEvent>> parked(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        POLICY.require(actor.get(), OpsStep.INSPECT);
        return pool.preparedQuery("""
                        select id, cast(event_id as text) as event_id, event_type, topic, record_key, attempts, created_at, parked_at,
                               park_reason, octet_length(payload) as bytes
                        from outbox where parked_at is not null order by id limit $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<ParkedEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(new ParkedEvent(row.getLong("id"), row.getString("event_id"), row.getString("event_type"),
                                row.getString("topic"), row.getString("record_key"), row.getInteger("attempts"),
                                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("parked_at").toInstant(),
                                row.getString("park_reason"), row.getInteger("bytes")));
                    }
                    return events;
                });
    }

    @POST
    @Path("outbox/parked/{id}/redrive")
    @Operation(summary = "Give a parked event to the relay again (e.g. after the broker's limits were raised)")
    public Uni<Map<String, Object>> redriveParked(@PathParam("id") long id) {
        POLICY.require(actor.get(), OpsStep.REDRIVE);
        return pool.preparedQuery("update outbox set parked_at = null, park_reason = null, attempts = 0 where id = $1 and parked_at is not null")
                .execute(Tuple.of(id))
                .map(result -> {
                    if (result.rowCount() == 0) {
                        throw ApiProblem.notFound("parked outbox event", id);
                    }
                    relay.wakeUp();
                    return Map.<String, Object>of("id", id, "state", "queued for publication");
                });
    }
}
