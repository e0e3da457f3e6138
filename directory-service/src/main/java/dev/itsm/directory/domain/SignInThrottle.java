package dev.itsm.directory.domain;

import dev.itsm.directory.config.DirectoryConfig;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.ratelimit.KeyedRateLimiter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Limits sign-in attempts per account and per client address. Every attempt takes a token from an in-memory bucket
 * per address and per account (per replica); failures are counted in PostgreSQL for every replica to see, and after
 * repeated failures the account or address is locked with a back-off that doubles with each further failure.
 * A locked key is refused with 429 and Retry-After before any password is checked.
 */
@ApplicationScoped
public class SignInThrottle {
    private static final Logger LOG = Logger.getLogger(SignInThrottle.class);

    private final DirectoryConfig.SignIn config;
    private final KeyedRateLimiter perAddress;
    private final KeyedRateLimiter perAccount;
    private final Pool pool;
    private final Vertx vertx;
    private long cleanup = -1;

    SignInThrottle(DirectoryConfig config, Pool pool, Vertx vertx) {
        this.config = config.signIn();
        this.perAddress = new KeyedRateLimiter(this.config.addressBurst(), this.config.addressPerSecond());
        this.perAccount = new KeyedRateLimiter(this.config.accountBurst(), this.config.accountPerSecond());
        this.pool = pool;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        cleanup = vertx.setPeriodic(Duration.ofMinutes(5).toMillis(), id -> pool.preparedQuery("""
                        delete from sign_in_failure where last_failure_at < now() - make_interval(secs => $1)
                          and (locked_until is null or locked_until < now())""")
                .execute(Tuple.of((double) config.failureWindow().toSeconds()))
                .subscribe().with(rows -> { }, e -> LOG.debugf("sign-in failures not cleaned up: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (cleanup >= 0) {
            vertx.cancelTimer(cleanup);
        }
    }

    public record Keys(String account, String address) {
        public static Keys of(String account, String address) {
            return new Keys("account:" + account, "address:" + (address != null ? address : "unknown"));
        }
    }

    /** 429 when the address or the account sends too fast or is locked after failures. Runs in a session. */
    public Uni<Void> admit(Keys keys) {
        long wait = Math.max(perAddress.tryAcquire(keys.address()), perAccount.tryAcquire(keys.account()));
        if (wait > 0) {
            return Uni.createFrom().failure(ApiProblem.tooManyRequests("too many sign-in attempts; retry in " + wait + " s", wait));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                select cast(ceil(extract(epoch from max(locked_until) - now())) as text) from sign_in_failure
                                where throttle_key in (:keys) and locked_until > now()""", String.class)
                        .setParameter("keys", List.of(keys.account(), keys.address()))
                        .getResultList())
                .map(rows -> {
                    String seconds = rows.isEmpty() ? null : rows.get(0);
                    if (seconds != null) {
                        long retry = Math.max(1, (long) Double.parseDouble(seconds));
                        throw ApiProblem.tooManyRequests("sign-in is locked after repeated failures; retry in " + retry + " s", retry);
                    }
                    return null;
                })
                .replaceWithVoid();
    }

    /**
     * Counts a failure for the account and the address and locks them when they reach their threshold. Commits on its
     * own connection, never by flushing the caller's session: signing in changes nothing but these counters.
     */
    public Uni<Void> failed(Keys keys) {
        return pool.withTransaction(tx -> count(tx, keys.account(), config.accountFailures())
                .chain(() -> count(tx, keys.address(), config.addressFailures())));
    }

    /** A successful sign-in clears the account's failures (not the address's: one good account must not unlock guessing). */
    public Uni<Void> succeeded(Keys keys) {
        return pool.preparedQuery("delete from sign_in_failure where throttle_key = $1").execute(Tuple.of(keys.account()))
                .replaceWithVoid();
    }

    private Uni<Void> count(SqlConnection tx, String key, int threshold) {
        return tx.preparedQuery("""
                        insert into sign_in_failure (throttle_key, failures, last_failure_at) values ($1, 1, now())
                        on conflict (throttle_key) do update set
                            failures = case when sign_in_failure.last_failure_at < now() - make_interval(secs => $2)
                                            then 1 else sign_in_failure.failures + 1 end,
                            last_failure_at = now()
                        returning failures""")
                .execute(Tuple.of(key, (double) config.failureWindow().toSeconds()))
                .chain(rows -> {
                    Duration lock = SignInBackoff.lockFor(rows.iterator().next().getInteger(0), threshold, config.firstLock(),
                            config.longestLock());
                    if (lock.isZero()) {
                        return Uni.createFrom().voidItem();
                    }
                    return tx.preparedQuery("update sign_in_failure set locked_until = now() + make_interval(secs => $2) where throttle_key = $1")
                            .execute(Tuple.of(key, lock.toMillis() / 1000.0)).replaceWithVoid();
                });
    }
}
