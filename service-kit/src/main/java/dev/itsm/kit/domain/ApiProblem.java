package dev.itsm.kit.domain;

import java.util.Map;

/**
 * A rule said no. Thrown by domain code of every service and written as RFC 9457 problem+json by the
 * kit's exception mapper. Plain Java so that domain rules stay free of framework types.
 */
public class ApiProblem extends RuntimeException {
    /** RFC 9457's own members: an extension of the same name would be dropped, so none may use one. */
    private static final java.util.Set<String> STANDARD_MEMBERS = java.util.Set.of("type", "title", "status", "detail", "instance");

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties;

    public ApiProblem(int status, String type, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = properties == null ? Map.of() : Map.copyOf(properties);
        this.properties.keySet().stream().filter(STANDARD_MEMBERS::contains).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("'" + name + "' is a standard problem member; name the extension otherwise");
        });
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(404, "not-found", what + " not found", what + " " + id + " does not exist", Map.of());
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad-request", "Bad request", detail, Map.of());
    }

    /** The request is well-formed, but the thing's current state does not allow it (e.g. an illegal transition). */
    public static ApiProblem conflict(String detail, Map<String, Object> properties) {
        return new ApiProblem(409, "state-conflict", "Not allowed in the current state", detail, properties);
    }

    public static ApiProblem forbidden(String detail, Map<String, Object> properties) {
        return new ApiProblem(403, "forbidden", "Your role does not allow this", detail, properties);
    }

    /** Too many requests; {@code retryAfterSeconds} goes into the Retry-After header. */
    public static ApiProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiProblem(429, "rate-limited", "Too many requests", detail,
                Map.of(RETRY_AFTER, Math.max(1, retryAfterSeconds)));
    }

    public static final String RETRY_AFTER = "retryAfterSeconds";

    public static ApiProblem unprocessable(String detail) {
        return new ApiProblem(422, "unprocessable", "The request cannot be applied", detail, Map.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
