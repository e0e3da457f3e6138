package dev.itsm.kit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.messaging.Failures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error of every service leaves as RFC 9457 problem+json. A rejected request has changed nothing:
 * resources run their work in one transaction, and these mappers only describe why it was rolled back.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, UriInfo uri) {
        Response response = ProblemDetail.of(problem.status(), problem.type(), problem.title(), problem.getMessage(), uri)
                .with(problem.properties()).toResponse();
        Object retryAfter = problem.properties().get(ApiProblem.RETRY_AFTER);
        return retryAfter == null ? response : Response.fromResponse(response).header("Retry-After", retryAfter).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", fieldOf(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return ProblemDetail.of(400, "validation", "The request is not valid",
                errors.size() + " field(s) failed validation", uri).with(Map.of("errors", errors)).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return ProblemDetail.of(400, "malformed-json", "The body is not valid JSON for this endpoint",
                e.getOriginalMessage(), uri).toResponse();
    }

    /** A body with a value of the wrong kind, e.g. an unknown enum constant (Quarkus would answer plain JSON). */
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** An alert or event body that parses as JSON but is not one of the formats the endpoint accepts. */
    @ServerExceptionMapper
    public Response malformed(dev.itsm.contracts.MalformedEventException e, UriInfo uri) {
        return ProblemDetail.of(400, "malformed-payload", "The body is not in an accepted format", e.getMessage(), uri)
                .toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return ProblemDetail.of(401, "unauthenticated", "A valid bearer token is required",
                "Sign in at directory-service (POST /api/auth/token) and send the token as 'Authorization: Bearer <token>'", uri)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemDetail.of(403, "forbidden", "Your role does not allow this", e.getMessage(), uri).toResponse();
    }

    @ServerExceptionMapper
    public Response unique(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (Failures.classify(e) != Failures.Kind.CONTENDED) {
            return unexpected(e, uri);
        }
        return ProblemDetail.of(409, "duplicate", "It already exists",
                "a uniqueness rule was violated" + (e.getConstraintName() != null ? " (" + e.getConstraintName() + ")" : ""), uri)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "HTTP " + status;
        return ProblemDetail.of(status, "http-" + status, title, e.getMessage(), uri).toResponse();
    }

    /**
     * What is left, by failure class: the database or broker unreachable is a 503 the client may retry after a
     * moment; a lost race with another writer (optimistic lock, serialization failure) is a 409 to re-read and
     * retry; a value the database refuses is a 422; anything else is a defect, logged, and a 500. Throwable, not
     * Exception: Vert.x reports a connection pool wait that timed out as a bare Throwable, which would otherwise
     * leave unmapped as the HTTP layer's 500 although the request changed nothing and may be retried.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return switch (Failures.classify(e)) {
            case TRANSIENT -> {
                LOG.warnf("%s answered 503: %s", uri.getPath(), e.getMessage());
                yield Response.fromResponse(ProblemDetail.of(503, "unavailable", "Temporarily unavailable",
                                "A database or broker the service needs is unreachable; nothing was changed. Retry shortly.", uri)
                        .toResponse()).header("Retry-After", RETRY_AFTER_SECONDS).build();
            }
            case CONTENDED -> {
                LOG.infof("%s answered 409: %s", uri.getPath(), rootMessage(e));
                yield ProblemDetail.of(409, "concurrent-update", "Changed by someone else meanwhile",
                        "Another request changed this record at the same time; nothing was changed. Read it again and retry.", uri)
                        .toResponse();
            }
            case DETERMINISTIC -> ProblemDetail.of(422, "unprocessable", "The request cannot be stored",
                    "A value does not fit what the service can store: " + rootMessage(e), uri).toResponse();
            case UNEXPECTED -> {
                // The cause stays in the log; the caller gets an id-free, stable message.
                LOG.errorf(e, "unexpected error on %s", uri.getPath());
                yield ProblemDetail.of(500, "internal", "Internal error", "The request failed and changed nothing; see the service log", uri)
                        .toResponse();
            }
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String fieldOf(String path) {
        // "create.request.title" -> "title": the parameter path means nothing to the caller.
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** The problem document, with any extension members. */
    public record ProblemDetail(Map<String, Object> body, int status) {
        public static final String MEDIA_TYPE = "application/problem+json";

        public static ProblemDetail of(int status, String type, String title, String detail, UriInfo uri) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "https://itsm.dev/problems/" + type);
            body.put("title", title);
            body.put("status", status);
            if (detail != null) {
                body.put("detail", detail);
            }
            if (uri != null) {
                body.put("instance", uri.getPath());
            }
            return new ProblemDetail(body, status);
        }

        public ProblemDetail with(Map<String, Object> extra) {
            Map<String, Object> merged = new LinkedHashMap<>(body);
            extra.forEach(merged::putIfAbsent);
            return new ProblemDetail(merged, status);
        }

        public Response toResponse() {
            return Response.status(status).type(MEDIA_TYPE).entity(body).build();
        }
    }
}
