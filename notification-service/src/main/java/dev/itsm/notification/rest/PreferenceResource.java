package dev.itsm.notification.rest;

import dev.itsm.contracts.EventCodec;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.notification.domain.NotificationPreference;
import dev.itsm.notification.domain.Preferences;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A person's own notification settings: channels per priority and quiet hours in their time zone. */
@Path("/api/notification-preferences")
@Authenticated
@Tag(name = "Notification preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PreferenceResource {
    private final CurrentActor actor;
    private final EventCodec codec;
    private final Clock clock;

    PreferenceResource(CurrentActor actor, EventCodec codec, Clock clock) {
        this.actor = actor;
        this.codec = codec;
        this.clock = clock;
    }

    public record QuietHours(String from, String to) {
    }

    /**
     * @param channels per priority (P1..P5) or "default": the channels to be told on; in-app is always on.
     *                 Without an entry, the channels from the directory apply.
     */
    public record PreferenceBody(String timeZone, QuietHours quietHours, Map<String, List<String>> channels) {
    }

    @GET
    @WithSession
    @Operation(summary = "Your notification preferences (the defaults until you set them)")
    public Uni<PreferenceBody> get() {
        return NotificationPreference.<NotificationPreference>findById(personId())
                .map(stored -> stored == null ? new PreferenceBody("UTC", null, Map.of()) : view(stored));
    }

    @PUT
    @WithTransaction
    @Operation(summary = "Set your notification preferences; a P1 reaches you in quiet hours all the same")
    public Uni<PreferenceBody> put(@Valid @NotNull PreferenceBody body) {
        String personId = personId();
        QuietHours quiet = body.quietHours();
        Preferences checked = Preferences.of(body.timeZone(), quiet == null ? null : quiet.from(), quiet == null ? null : quiet.to(),
                body.channels());
        return NotificationPreference.<NotificationPreference>findById(personId).chain(existing -> {
            NotificationPreference stored = existing != null ? existing : new NotificationPreference();
            stored.personId = personId;
            stored.timeZone = checked.zone().getId();
            stored.quietFrom = checked.quietFrom();
            stored.quietTo = checked.quietTo();
            Map<String, List<String>> channels = new LinkedHashMap<>();
            checked.channels().forEach((key, set) -> channels.put(key, set.stream().map(Enum::name).sorted().toList()));
            try {
                stored.channels = codec.mapper().writeValueAsString(channels);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            stored.updatedAt = clock.instant();
            return (existing != null ? Uni.createFrom().item(stored) : stored.<NotificationPreference>persist()).map(this::view);
        });
    }

    private String personId() {
        String id = actor.get().id();
        if (id == null) {
            throw ApiProblem.forbidden("preferences belong to a signed-in person", Map.of());
        }
        return id;
    }

    private PreferenceBody view(NotificationPreference stored) {
        Map<String, List<String>> channels;
        try {
            channels = codec.mapper().readValue(stored.channels, new com.fasterxml.jackson.core.type.TypeReference<>() { });
        } catch (Exception e) {
            channels = Map.of();
        }
        return new PreferenceBody(stored.timeZone, stored.quietFrom == null ? null
                : new QuietHours(stored.quietFrom.toString(), stored.quietTo.toString()), channels);
    }
}
