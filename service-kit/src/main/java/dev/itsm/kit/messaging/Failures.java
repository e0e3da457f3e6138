package dev.itsm.kit.messaging;

import dev.itsm.contracts.MalformedEventException;
import dev.itsm.kit.domain.ApiProblem;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sorts a failure into the class that decides what happens to the record or request that met it.
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: the database or the broker is unreachable, slow or busy. Trying again later
 *   succeeds, so a consumer retries with back-off for as long as it takes and never dead-letters; a request
 *   answers 503 with Retry-After.</li>
 *   <li>{@link Kind#CONTENDED}: the work lost a race with another transaction (serialization failure,
 *   deadlock, optimistic lock, uniqueness race). A retry re-reads and sees the winner, so a consumer retries
 *   (a bounded number of times, in case the "race" is really a defect); a request answers 409.</li>
 *   <li>{@link Kind#DETERMINISTIC}: the input can never be processed (malformed, fails its schema or a rule,
 *   does not fit a column). The record alone goes to the dead-letter topic; a request answers 4xx.</li>
 *   <li>{@link Kind#UNEXPECTED}: anything else, i.e. a defect. Retried a few times, then dead-lettered so one
 *   record cannot stop a partition for ever.</li>
 * </ul>
 * Plain Java, matched on class names and SQLSTATEs so that it needs neither the database nor the Kafka client.
 */
public final class Failures {
    public enum Kind { TRANSIENT, CONTENDED, DETERMINISTIC, UNEXPECTED }

    /** SQLSTATE classes that pass on their own: connection exception, insufficient resources, operator intervention, system error. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57", "58");
    /** Lost races: serialization failure, deadlock, lock not available, unique violation (the winner is seen on retry). */
    private static final Set<String> CONTENDED_SQL_STATES = Set.of("40001", "40P01", "55P03", "23505", "23P01");
    /** Data exception (value too long, bad format...), integrity and syntax classes: the same input fails again. */
    private static final Set<String> DETERMINISTIC_SQL_CLASSES = Set.of("22", "23", "42", "2F", "P0");

    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.netty.channel.ConnectTimeoutException",
            "io.netty.channel.AbstractChannel$AnnotatedConnectException",
            "io.smallrye.mutiny.TimeoutException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.NetworkException",
            "org.apache.kafka.common.errors.NotEnoughReplicasException");

    private static final Set<String> CONTENDED_CLASS_NAMES = Set.of(
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.StaleStateException",
            "jakarta.persistence.OptimisticLockException",
            "org.hibernate.exception.LockAcquisitionException");

    private static final Set<String> DETERMINISTIC_CLASS_NAMES = Set.of(
            "org.apache.kafka.common.errors.RecordTooLargeException",
            "org.apache.kafka.common.errors.InvalidTopicException",
            "org.apache.kafka.common.errors.SerializationException",
            "com.fasterxml.jackson.core.JsonProcessingException",
            "jakarta.validation.ConstraintViolationException");

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Kind kind = classifyOne(t);
            if (kind != null) {
                return kind;
            }
        }
        return Kind.UNEXPECTED;
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    private static Kind classifyOne(Throwable t) {
        if (t instanceof Contended) {
            return Kind.CONTENDED;
        }
        if (t instanceof MalformedEventException || t instanceof IllegalArgumentException || t instanceof DeterministicFailure) {
            return Kind.DETERMINISTIC;
        }
        if (t instanceof ApiProblem problem) {
            // A 409 on a state conflict can pass once the record moves on; a 4xx otherwise never will.
            return problem.status() >= 500 ? Kind.TRANSIENT : Kind.DETERMINISTIC;
        }
        String sqlState = sqlState(t);
        if (sqlState != null) {
            if (CONTENDED_SQL_STATES.contains(sqlState)) {
                return Kind.CONTENDED;
            }
            if (TRANSIENT_SQL_CLASSES.contains(sqlState.substring(0, 2))) {
                return Kind.TRANSIENT;
            }
            if (DETERMINISTIC_SQL_CLASSES.contains(sqlState.substring(0, 2))) {
                return Kind.DETERMINISTIC;
            }
        }
        if (t instanceof TimeoutException || t instanceof IOException || t instanceof java.util.concurrent.RejectedExecutionException) {
            return Kind.TRANSIENT;
        }
        for (Class<?> type = t.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (TRANSIENT_CLASS_NAMES.contains(type.getName())) {
                return Kind.TRANSIENT;
            }
            if (CONTENDED_CLASS_NAMES.contains(type.getName())) {
                return Kind.CONTENDED;
            }
            if (DETERMINISTIC_CLASS_NAMES.contains(type.getName())) {
                return Kind.DETERMINISTIC;
            }
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        // Vert.x reports a lost or refused connection, or a pool wait that timed out, with plain messages.
        if (message.contains("connection is closed") || message.contains("connection refused")
                || message.contains("connection reset") || message.contains("timeout") || message.contains("timed out")
                || message.contains("pool closed") || message.contains("failed to connect")) {
            return Kind.TRANSIENT;
        }
        return null;
    }

    /** The SQLSTATE of a PostgreSQL error, read reflectively from the reactive client's or the JDBC driver's exception. */
    static String sqlState(Throwable t) {
        for (String accessor : new String[] {"getSqlState", "getSQLState"}) {
            try {
                Object state = t.getClass().getMethod(accessor).invoke(t);
                if (state instanceof String s && s.length() == 5) {
                    return s;
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // not a database exception
            }
        }
        return null;
    }

    /** Thrown where code knows a record can never be processed, whatever its type. */
    public static class DeterministicFailure extends RuntimeException {
        public DeterministicFailure(String message) {
            super(message);
        }

        public DeterministicFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Marks a failure of code that detected itself that it lost a race (e.g. a conditional insert inserted nothing). */
    public interface Contended {
    }
}
