package dev.itsm.kit.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.contracts.EventCodec;
import dev.itsm.kit.config.KitConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The revoked credentials every token is checked against. Revocations travel on the directory topic into this
 * service's directory copy (directory-service writes its own copy as it revokes); every replica reads them from
 * there into memory at start and then every {@code itsm.security.revocation-refresh}, so a check never waits for
 * the database. Token revocations are forgotten once the token would have expired anyway.
 */
@ApplicationScoped
public class RevocationList {
    private static final Logger LOG = Logger.getLogger(RevocationList.class);

    private record Snapshot(Map<String, Long> notBeforeBySubject, Set<String> tokenIds) {
    }

    private final Pool pool;
    private final Vertx vertx;
    private final KitConfig config;
    private final ObjectMapper mapper = EventCodec.defaultMapper();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Set.of());
    private long timer = -1;

    RevocationList(Pool pool, Vertx vertx, KitConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        refresh().await().atMost(Duration.ofSeconds(30));
        timer = vertx.setPeriodic(config.security().revocationRefresh().toMillis(),
                id -> refresh().subscribe().with(done -> { }, e -> LOG.warnf("revocations not refreshed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Whether a token must be refused: its id was revoked, or its subject's tokens issued at or before a
     * revocation's moment were.
     */
    public boolean revoked(String subject, String tokenId, long issuedAtEpochSecond) {
        Snapshot current = snapshot;
        if (tokenId != null && current.tokenIds().contains(tokenId)) {
            return true;
        }
        Long notBefore = subject != null ? current.notBeforeBySubject().get(subject) : null;
        return notBefore != null && issuedAtEpochSecond <= notBefore;
    }

    /** Reads the current revocations from the directory copy. */
    public Uni<Void> refresh() {
        return pool.query("""
                        select cast(payload as text) as payload from directory_entry
                        where kind = 'revocation'
                          and (payload ->> 'expiresAt' is null or cast(payload ->> 'expiresAt' as timestamptz) > now())""")
                .execute()
                .invoke(rows -> {
                    Map<String, Long> subjects = new HashMap<>();
                    Set<String> tokens = new HashSet<>();
                    for (Row row : rows) {
                        JsonNode entry = parse(row.getString("payload"));
                        if (entry == null) {
                            continue;
                        }
                        if (entry.hasNonNull("tokenId")) {
                            tokens.add(entry.get("tokenId").asText());
                        } else if (entry.hasNonNull("subjectId") && entry.hasNonNull("notBefore")) {
                            long notBefore = Instant.parse(entry.get("notBefore").asText()).getEpochSecond();
                            subjects.merge(entry.get("subjectId").asText(), notBefore, Math::max);
                        }
                    }
                    snapshot = new Snapshot(Map.copyOf(subjects), Set.copyOf(tokens));
                })
                .replaceWithVoid();
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            LOG.warnf("unreadable revocation entry skipped: %s", e.getMessage());
            return null;
        }
    }
}
