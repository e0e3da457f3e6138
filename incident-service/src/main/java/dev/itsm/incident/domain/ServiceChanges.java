package dev.itsm.incident.domain;

import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.EventEnvelope;
import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.change.ChangeImplemented;
import dev.itsm.contracts.change.ChangeStatus;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.repository.ServiceChangeRows;
import dev.itsm.kit.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * This service's copy of the changes change-service implements, for change-aware triage: when each change's
 * implementation began (it entered IMPLEMENT) and completed (ChangeImplemented). A poll's events are merged per change
 * in order and written with one upsert.
 */
@ApplicationScoped
public class ServiceChanges {
    private final ServiceChangeRows rows;
    private final EventCodec codec;
    private final IncidentConfig config;

    ServiceChanges(ServiceChangeRows rows, EventCodec codec, IncidentConfig config) {
        this.rows = rows;
        this.codec = codec;
        this.config = config;
    }

    /** What this service keeps of a change; a null field leaves the stored value as it is. */
    public record Known(UUID changeId, String number, String serviceCode, String status, Instant implementationStartedAt,
                        Instant implementedAt) {

        Known merge(Known later) {
            return new Known(changeId, later.number != null ? later.number : number,
                    later.serviceCode != null ? later.serviceCode : serviceCode, later.status != null ? later.status : status,
                    implementationStartedAt != null ? implementationStartedAt : later.implementationStartedAt,
                    later.implementedAt != null ? later.implementedAt : implementedAt);
        }
    }

    public Uni<Void> apply(SqlConnection tx, List<IdempotentConsumer.Consumed<EventEnvelope>> batch) {
        return rows.upsert(tx, merge(batch.stream().map(IdempotentConsumer.Consumed::value).toList(), codec));
    }

    /** The poll's events per change, in order; events that say nothing about implementation are left out. */
    static List<Known> merge(List<EventEnvelope> events, EventCodec codec) {
        Map<UUID, Known> byChange = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            Known known = switch (event.type()) {
                case EventTypes.CHANGE_STATUS_CHANGED -> {
                    ChangeStatusChanged changed = codec.payload(event, ChangeStatusChanged.class);
                    yield new Known(changed.changeId(), changed.number(), changed.serviceCode(),
                            changed.to() == null ? null : changed.to().name(),
                            changed.to() == ChangeStatus.IMPLEMENT ? changed.changedAt() : null, null);
                }
                case EventTypes.CHANGE_IMPLEMENTED -> {
                    ChangeImplemented implemented = codec.payload(event, ChangeImplemented.class);
                    yield new Known(implemented.changeId(), implemented.number(), implemented.serviceCode(), null, null,
                            implemented.implementedAt());
                }
                default -> null;
            };
            if (known != null && known.serviceCode() != null) {
                byChange.merge(known.changeId(), known, Known::merge);
            }
        }
        return List.copyOf(byChange.values());
    }

    public Uni<Integer> forgetOld(Instant now) {
        return rows.forgetBefore(now.minus(config.triage().changeRetention()));
    }
}
