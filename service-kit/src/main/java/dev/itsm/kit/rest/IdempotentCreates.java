package dev.itsm.kit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Creates that a client may safely retry: with an {@code Idempotency-Key} header, the first request creates
 * and its answer is stored in the same transaction; a repeat by the same caller with the same key and body
 * gets that answer again (header {@code Idempotent-Replayed: true}) and creates nothing; the same key with a
 * different body is refused with 422. Two concurrent requests with one key serialise on the key's row.
 * Keys are kept for {@link #RETENTION_HOURS} hours. Without the header, a create is a plain create.
 */
@ApplicationScoped
public class IdempotentCreates {
    public static final String HEADER = "Idempotency-Key";
    static final int RETENTION_HOURS = 24;
    private static final int MAX_KEY_LENGTH = 200;

    /** What a create produced: its id (for the Location) and the view answered as the body. */
    public record Outcome(Object id, Object view) {
    }

    private static final String CLAIM = """
            insert into idempotency_key (principal, key, request_hash) values ($1, $2, $3)
            on conflict (principal, key) do nothing""";
    private static final String FIND = "select request_hash, status, location, body from idempotency_key where principal = $1 and key = $2";
    private static final String COMPLETE = "update idempotency_key set status = $3, location = $4, body = $5 where principal = $1 and key = $2";

    private final ObjectMapper mapper;
    private final Pool pool;

    IdempotentCreates(ObjectMapper mapper, Pool pool) {
        this.mapper = mapper;
        this.pool = pool;
    }

    /** A create on the caller's SQL-client transaction. */
    public Uni<Response> create(SqlConnection tx, String key, Actor actor, Object request, UriInfo uri, Supplier<Uni<Outcome>> create) {
        if (key == null) {
            return create.get().map(outcome -> Created.at(uri, outcome.id(), outcome.view()));
        }
        Claim claim = claim(key, actor, request);
        return tx.preparedQuery(CLAIM).execute(Tuple.of(claim.principal(), claim.key(), claim.hash())).chain(inserted -> {
            if (inserted.rowCount() == 1) {
                return create.get().chain(outcome -> {
                    Response response = Created.at(uri, outcome.id(), outcome.view());
                    return tx.preparedQuery(COMPLETE).execute(Tuple.of(claim.principal(), claim.key(), 201,
                            response.getLocation().toString(), json(outcome.view()))).replaceWith(response);
                });
            }
            return tx.preparedQuery(FIND).execute(Tuple.of(claim.principal(), claim.key()))
                    .map(rows -> replay(claim, rows.iterator().next()));
        });
    }

    /** A create in the current Hibernate Reactive transaction. */
    public Uni<Response> create(String key, Actor actor, Object request, UriInfo uri, Supplier<Uni<Outcome>> create) {
        if (key == null) {
            return create.get().map(outcome -> Created.at(uri, outcome.id(), outcome.view()));
        }
        Claim claim = claim(key, actor, request);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into idempotency_key (principal, key, request_hash) values (:principal, :key, :hash)
                                on conflict (principal, key) do nothing""")
                        .setParameter("principal", claim.principal()).setParameter("key", claim.key())
                        .setParameter("hash", claim.hash()).executeUpdate()
                        .chain(inserted -> {
                            if (inserted == 1) {
                                return create.get().chain(outcome -> {
                                    Response response = Created.at(uri, outcome.id(), outcome.view());
                                    return session.createNativeQuery("""
                                                    update idempotency_key set status = 201, location = :location, body = :body
                                                    where principal = :principal and key = :key""")
                                            .setParameter("location", response.getLocation().toString())
                                            .setParameter("body", json(outcome.view()))
                                            .setParameter("principal", claim.principal()).setParameter("key", claim.key())
                                            .executeUpdate().replaceWith(response);
                                });
                            }
                            return session.createNativeQuery("""
                                            select request_hash, status, location, body from idempotency_key
                                            where principal = :principal and key = :key""", Object[].class)
                                    .setParameter("principal", claim.principal()).setParameter("key", claim.key())
                                    .getSingleResult()
                                    .map(row -> replay(claim, (String) row[0], (Integer) row[1], (String) row[2], (String) row[3]));
                        }));
    }

    private record Claim(String principal, String key, String hash) {
    }

    private Claim claim(String key, Actor actor, Object request) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiProblem.badRequest(HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return new Claim(actor.id() != null ? actor.id() : "anonymous", key, sha256(json(request)));
    }

    private Response replay(Claim claim, Row row) {
        return replay(claim, row.getString("request_hash"), row.getInteger("status"), row.getString("location"), row.getString("body"));
    }

    private Response replay(Claim claim, String hash, Integer status, String location, String body) {
        if (!claim.hash().equals(hash)) {
            throw new ApiProblem(422, "idempotency-key-reused", "Idempotency-Key already used for another request",
                    "the key '" + claim.key() + "' was first used with a different body; use a new key for a new request",
                    Map.of("idempotencyKey", claim.key()));
        }
        return Response.status(status).location(URI.create(location)).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Idempotent-Replayed", "true").entity(body).build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the response for an idempotent create", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(every = "1h", delayed = "2m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> forgetOldKeys() {
        return pool.preparedQuery("delete from idempotency_key where created_at < now() - make_interval(hours => $1)")
                .execute(Tuple.of(RETENTION_HOURS)).replaceWithVoid();
    }
}
