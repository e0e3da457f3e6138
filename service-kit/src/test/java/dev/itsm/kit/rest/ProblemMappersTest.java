package dev.itsm.kit.rest;

import dev.itsm.kit.domain.ApiProblem;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemMappersTest {

    /** Only the path is read; a proxy stands in for the request's UriInfo. */
    private static final UriInfo URI = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[]{UriInfo.class},
            (proxy, method, args) -> method.getName().equals("getPath") ? "/api/incidents" : null);

    /**
     * An overloaded instance whose connection pool wait timed out: Vert.x fails with a bare Throwable. It was left
     * unmapped and the HTTP layer answered a plain 500 (the fault run counted thousands under load); the request
     * changed nothing, so it is a 503 the client retries.
     */
    @Test
    void aConnectionPoolWaitThatTimedOutIsA503WithRetryAfter() {
        Response response = new ProblemMappers().unexpected(new NoStackTraceThrowable("Timeout"), URI);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
    }

    /** A state conflict names the record's state beside the HTTP status; neither hides the other. */
    @Test
    void aConflictKeepsTheHttpStatusAndNamesTheCurrentState() {
        Response response = new ProblemMappers().apiProblem(
                ApiProblem.conflict("a problem in state NEW does not allow the step close", Map.of("currentStatus", "NEW")), URI);

        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertThat(body).containsEntry("status", 409).containsEntry("currentStatus", "NEW");
        assertThatThrownBy(() -> ApiProblem.conflict("x", Map.of("status", "NEW")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard problem member");
    }
}
