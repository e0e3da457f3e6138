package dev.itsm.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A client as a real one behaves: it spreads requests over the instances of a service, and retries a
 * request that timed out, could not connect or got a 5xx, on the next instance, after the Retry-After the
 * service asked for (or a short back-off), until it gets an answer or runs out of patience. Every attempt
 * is recorded in the phase's {@link Answers}.
 */
final class Client {
    /** Longer than anything the services should take; an attempt still unanswered by then is a hang. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a write is retried before the client gives up on it. */
    static final Duration PATIENCE = Duration.ofMinutes(4);

    /** A final answer: the status and body of the last attempt, or empty when the client gave up. */
    record Answer(int status, String body, boolean replayed) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fault-http");
                t.setDaemon(true);
                return t;
            }))
            .build();
    private final Map<String, List<String>> urls;
    private final Map<String, AtomicInteger> next = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param urls each service's instance base URLs */
    Client(Map<String, List<String>> urls) {
        this.urls = urls;
    }

    /**
     * Sends the request built for an instance's base URL until an answer that is not worth retrying (2xx, 4xx) or until {@link #PATIENCE} runs out.
     * {@code acceptable} statuses (e.g. a 409 the caller knows how to read) are final and not counted as wrong.
     */
    Optional<Answer> send(String service, Function<String, HttpRequest.Builder> request, Phase phase, int... acceptable) {
        Instant deadline = Instant.now().plus(PATIENCE);
        Duration backoff = Duration.ofMillis(200);
        String lastFailure = "never sent";
        while (Instant.now().isBefore(deadline)) {
            String base = target(service);
            HttpRequest built = request.apply(base).timeout(REQUEST_TIMEOUT).build();
            long start = System.nanoTime();
            Duration wait = backoff;
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - start) / 1_000_000;
                int status = response.statusCode();
                Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
                if (status >= 200 && status < 300) {
                    phase.answers().record(Answers.Kind.OK, millis, built.method() + " " + built.uri() + " -> " + status);
                    return Optional.of(new Answer(status, response.body(), replayed));
                }
                if (contains(acceptable, status)) {
                    phase.answers().record(Answers.Kind.OK, millis, built.method() + " " + built.uri() + " -> " + status);
                    return Optional.of(new Answer(status, response.body(), false));
                }
                String detail = built.method() + " " + built.uri() + " -> " + status + " " + abbreviated(response.body());
                if (status == 503) {
                    phase.answers().record(retryAfter.isPresent() ? Answers.Kind.UNAVAILABLE : Answers.Kind.UNAVAILABLE_NO_RETRY_AFTER,
                            millis, detail);
                    wait = retryAfter.map(Client::seconds).orElse(backoff);
                } else if (status >= 500) {
                    phase.answers().record(Answers.Kind.SERVER_ERROR, millis, detail);
                } else {
                    phase.answers().record(Answers.Kind.CLIENT_ERROR, millis, detail);
                    return Optional.of(new Answer(status, response.body(), false));
                }
                lastFailure = detail;
            } catch (HttpTimeoutException e) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                lastFailure = built.method() + " " + built.uri() + " unanswered after " + millis + " ms";
                phase.answers().record(Answers.Kind.TIMED_OUT, millis, lastFailure);
            } catch (IOException e) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                lastFailure = built.method() + " " + built.uri() + ": " + e;
                phase.answers().record(Answers.Kind.CONNECTION_FAILED, millis, lastFailure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (!pause(wait)) {
                return Optional.empty();
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(3)) > 0 ? Duration.ofSeconds(3) : backoff.multipliedBy(2);
        }
        phase.answers().gaveUp(lastFailure);
        return Optional.empty();
    }

    /** A request without retries or bookkeeping, for reads the driver makes (tokens, readiness). */
    HttpResponse<String> once(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String target(String service) {
        List<String> list = urls.get(service);
        int i = Math.floorMod(next.computeIfAbsent(service, s -> new AtomicInteger()).getAndIncrement(), list.size());
        return list.get(i);
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static boolean contains(int[] statuses, int status) {
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviated(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
