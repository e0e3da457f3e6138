package dev.itsm.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * HTTP load on one event loop with keep-alive connections: closed loop (N clients, each sends its next request
 * when the previous answered) and open loop (requests due at a fixed rate, latency counted from when each was
 * due, so a slow server cannot hide its queue).
 */
final class HttpLoad implements AutoCloseable {
    /** One request body and how many items it carries (alerts per request; 1 for a REST create). */
    record Body(Buffer bytes, int items) {
        static Body of(String json, int items) {
            return new Body(Buffer.buffer(json), items);
        }
    }

    /**
     * @param items successful items (requests times items per request) per second of the measured window
     */
    record Result(int clients, double seconds, long ok, long errors, String firstError, double items, Latency latency) {
        double perSecond() {
            return ok / seconds;
        }

        double itemsPerSecond() {
            return items / seconds;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final RequestOptions request;
    private final int expectedStatus;

    HttpLoad(int port, String path, String token, int expectedStatus, int connections) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1)
                .setBlockedThreadCheckInterval(60_000));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
                .putHeader("Content-Type", "application/json").setTimeout(60_000);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        this.expectedStatus = expectedStatus;
    }

    private Future<Integer> send(Body body) {
        return client.request(request).compose(req -> req.send(body.bytes())).compose(resp -> resp.body().map(ignored -> resp.statusCode()));
    }

    /**
     * {@code clients} loops, each sending as soon as its previous request answered. Warms up first; counts the
     * requests that completed inside the measured window.
     */
    Result closedLoop(int clients, double warmSeconds, double seconds, Supplier<Body> bodies) {
        long from = System.nanoTime() + (long) (warmSeconds * 1e9);
        long until = from + (long) (seconds * 1e9);
        Histogram latency = Latency.histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong items = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            vertx.runOnContext(v -> loop(from, until, bodies, latency, ok, errors, items, firstError, done));
        }
        await(done, warmSeconds + seconds + 90);
        return new Result(clients, seconds, ok.get(), errors.get(), firstError.get(), items.get(), Latency.of(latency));
    }

    private void loop(long from, long until, Supplier<Body> bodies, Histogram latency, AtomicLong ok, AtomicLong errors,
                      AtomicLong items, AtomicReference<String> firstError, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= until) {
            done.countDown();
            return;
        }
        Body body = bodies.get();
        send(body).onComplete(result -> {
            long answered = System.nanoTime();
            if (answered >= from && answered <= until) {
                count(result.succeeded() ? result.result() : null, result.cause(), answered - sent, body, latency, ok, errors, items, firstError);
            }
            loop(from, until, bodies, latency, ok, errors, items, firstError, done);
        });
    }

    /** Sends the bodies one after another (not measured); returns the first error, or null when all succeeded. */
    String sendEach(java.util.List<String> bodies) {
        for (String body : bodies) {
            try {
                int status = send(Body.of(body, 1)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                if (status != expectedStatus) {
                    return "HTTP " + status;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchFailure("interrupted", e);
            } catch (Exception e) {
                return String.valueOf(e);
            }
        }
        return null;
    }

    /** Requests due at {@code rate} per second; latency from when each was due until it answered. */
    Result openLoop(double rate, double warmSeconds, double seconds, Supplier<Body> bodies) {
        long start = System.nanoTime();
        long from = start + (long) (warmSeconds * 1e9);
        long total = (long) ((warmSeconds + seconds) * rate);
        Histogram latency = Latency.histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong items = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch((int) total);
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            Pause.until(due);
            Body body = bodies.get();
            send(body).onComplete(result -> {
                if (due >= from) {
                    count(result.succeeded() ? result.result() : null, result.cause(), System.nanoTime() - due, body, latency, ok,
                            errors, items, firstError);
                }
                done.countDown();
            });
        }
        await(done, 90);
        return new Result(0, seconds, ok.get(), errors.get(), firstError.get(), items.get(), Latency.of(latency));
    }

    private void count(Integer status, Throwable cause, long nanos, Body body, Histogram latency, AtomicLong ok, AtomicLong errors,
                       AtomicLong items, AtomicReference<String> firstError) {
        if (status != null && status == expectedStatus) {
            Latency.record(latency, nanos);
            ok.incrementAndGet();
            items.addAndGet(body.items());
        } else {
            errors.incrementAndGet();
            firstError.compareAndSet(null, status != null ? "HTTP " + status : String.valueOf(cause));
        }
    }

    private static void await(CountDownLatch done, double seconds) {
        try {
            if (!done.await((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
                throw new BenchFailure(done.getCount() + " requests still unanswered " + (long) seconds + " s after the window closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
