package dev.itsm.notification.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An HTTP endpoint on a random port that records every request and answers with the status set for its path. */
public final class WebhookReceiver implements AutoCloseable {
    public record Received(String path, Map<String, String> headers, String body, Instant at, long nanos) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> retryAfter = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            received.add(new Received(request.path(), headers, body.toString(), Instant.now(), System.nanoTime()));
            var response = request.response().setStatusCode(statuses.getOrDefault(request.path(), 204));
            String after = retryAfter.get(request.path());
            if (after != null) {
                response.putHeader("Retry-After", after);
            }
            response.end();
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test receiver did not start", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public void answer(String path, int status, String retryAfterHeader) {
        statuses.put(path, status);
        if (retryAfterHeader == null) {
            retryAfter.remove(path);
        } else {
            retryAfter.put(path, retryAfterHeader);
        }
    }

    public List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
