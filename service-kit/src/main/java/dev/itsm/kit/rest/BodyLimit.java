package dev.itsm.kit.rest;

import dev.itsm.kit.config.KitConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared body is larger than {@code itsm.http.max-body-size} with 413
 * problem+json before reading it, instead of the HTTP layer's bare 413 and closed connection.
 */
@ApplicationScoped
public class BodyLimit {
    private final long limit;

    BodyLimit(KitConfig config) {
        this.limit = config.http().maxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader("Content-Length");
            if (declared != null && tooLarge(declared)) {
                JsonObject problem = new JsonObject()
                        .put("type", "https://itsm.dev/problems/payload-too-large")
                        .put("title", "The request body is too large")
                        .put("status", 413)
                        .put("detail", "the body has " + declared + " bytes; the limit is " + limit)
                        .put("instance", context.request().path())
                        .put("limit", limit);
                context.response().setStatusCode(413)
                        .putHeader("Content-Type", ProblemMappers.ProblemDetail.MEDIA_TYPE)
                        .end(problem.encode());
                return;
            }
            context.next();
        });
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
