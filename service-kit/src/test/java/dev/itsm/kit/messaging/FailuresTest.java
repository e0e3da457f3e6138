package dev.itsm.kit.messaging;

import dev.itsm.contracts.MalformedEventException;
import dev.itsm.kit.domain.ApiProblem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    /** Stands in for the reactive client's and the JDBC driver's database exceptions: only the SQLSTATE matters. */
    static final class DatabaseError extends RuntimeException {
        private final String sqlState;

        DatabaseError(String sqlState) {
            super("ERROR " + sqlState);
            this.sqlState = sqlState;
        }

        public String getSqlState() {
            return sqlState;
        }
    }

    @Test
    void anUnreachableOrRestartingDatabaseOrBrokerIsTransient() {
        assertThat(Failures.classify(new DatabaseError("08006"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new DatabaseError("57P01"))).as("admin shutdown").isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new DatabaseError("53300"))).as("too many connections").isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new CompletionException(new ConnectException("Connection refused")))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new IOException("broken pipe"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new IllegalStateException("Connection is closed"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new org.apache.kafka.common.errors.TimeoutException("metadata"))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moved"))).isEqualTo(Failures.Kind.TRANSIENT);
    }

    @Test
    void aLostRaceIsContended() {
        assertThat(Failures.classify(new DatabaseError("40001"))).isEqualTo(Failures.Kind.CONTENDED);
        assertThat(Failures.classify(new DatabaseError("40P01"))).isEqualTo(Failures.Kind.CONTENDED);
        assertThat(Failures.classify(new RuntimeException("wrapped", new DatabaseError("23505")))).isEqualTo(Failures.Kind.CONTENDED);
        assertThat(Failures.classify(new org.hibernate.StaleObjectStateException("Incident", 1))).isEqualTo(Failures.Kind.CONTENDED);
    }

    @Test
    void inputThatCanNeverBeProcessedIsDeterministic() {
        assertThat(Failures.classify(new MalformedEventException("not JSON"))).isEqualTo(Failures.Kind.DETERMINISTIC);
        assertThat(Failures.classify(new DatabaseError("22001"))).as("value too long").isEqualTo(Failures.Kind.DETERMINISTIC);
        assertThat(Failures.classify(new DatabaseError("22021"))).as("NUL in text").isEqualTo(Failures.Kind.DETERMINISTIC);
        assertThat(Failures.classify(ApiProblem.unprocessable("rule says no"))).isEqualTo(Failures.Kind.DETERMINISTIC);
        assertThat(Failures.classify(new org.apache.kafka.common.errors.RecordTooLargeException("2 MB"))).isEqualTo(Failures.Kind.DETERMINISTIC);
    }

    @Test
    void anythingElseIsADefect() {
        assertThat(Failures.classify(new NullPointerException())).isEqualTo(Failures.Kind.UNEXPECTED);
        assertThat(Failures.classify(new IllegalStateException("bug"))).isEqualTo(Failures.Kind.UNEXPECTED);
    }
}
