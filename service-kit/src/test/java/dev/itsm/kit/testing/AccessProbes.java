package dev.itsm.kit.testing;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.Grant;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;
import dev.itsm.kit.security.ScopedRole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The probe matrix of one service, driven by docs/access-policy.md. For every endpoint the document lists:
 * <ul>
 *   <li>authentication — every bad token (expired, foreign key, alg none, HMAC confusion, other audience, other
 *       issuer, revoked, none at all) gets 401 problem+json;</li>
 *   <li>function level — a token holding exactly one role, for every role of the seeds and every integration scope:
 *       allowed (anything but 401/403) exactly where the document grants the role, else 403 problem+json;</li>
 *   <li>object level — for each grant with a scope, a token in scope of a known record is allowed and one just
 *       outside it (another person, another group, another service) is refused; lists show or hide the record.</li>
 * </ul>
 * Property-level and rate-limit probes are written per service and counted in the same table.
 */
public final class AccessProbes {
    public enum ProbeClass { AUTHENTICATION, FUNCTION_LEVEL, OBJECT_LEVEL, PROPERTY_LEVEL, RATE_LIMIT }

    /** A record probes aim at: its id as it appears in responses and its scope. */
    public record Fixture(String id, RecordScope scope) {
    }

    private record Outcome(int status, String contentType, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OTHER_SERVICE = "probe-other-service";
    private static final String OTHER_GROUP = "probe-other-group";

    private final String baseUrl;
    private final String service;
    private final PolicyDocument document;
    private final ProbeTokens tokens;
    private final Map<String, String> placeholders = new HashMap<>();
    private final Map<String, Fixture> recordFixtures = new HashMap<>();
    private final Map<String, Fixture> listFixtures = new HashMap<>();
    private final Map<String, String> bodies = new HashMap<>();
    private final Map<String, String> queries = new HashMap<>();
    private final Map<String, String> badTokens = new LinkedHashMap<>();
    private final Map<ProbeClass, int[]> tally = new EnumMap<>(ProbeClass.class);
    private final List<String> failures = new ArrayList<>();

    public AccessProbes(String baseUrl, String service, PolicyDocument document, ProbeTokens tokens) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.service = service;
        this.document = document;
        this.tokens = tokens;
        for (ProbeClass c : ProbeClass.values()) {
            tally.put(c, new int[3]);
        }
        // The operations endpoints every service has address a dead letter or a parked event that need not exist.
        placeholders.put("{topic}", "itsm.alerts.v1.dlq");
        placeholders.put("{partition}", "0");
        placeholders.put("{offset}", "0");
        placeholders.put("{parkedId}", "0");
        queries.put("GET /api/ops/dead-letters", "topic=itsm.alerts.v1.dlq&limit=1");
    }

    /** The value a path placeholder stands for, e.g. {@code {recordType}} → "problem". */
    public AccessProbes placeholder(String name, String value) {
        placeholders.put(name, value);
        return this;
    }

    /** The record an endpoint with this placeholder addresses, for object-level probes. */
    public AccessProbes record(String placeholder, String value, Fixture fixture) {
        placeholders.put(placeholder, value);
        recordFixtures.put(placeholder, fixture);
        return this;
    }

    /** The record a list endpoint must show to tokens in scope and hide from the others. */
    public AccessProbes list(String endpoint, Fixture fixture) {
        listFixtures.put(endpoint, fixture);
        return this;
    }

    /** The body an endpoint is probed with (valid, so that validation never answers before access does). */
    public AccessProbes body(String endpoint, String json) {
        bodies.put(endpoint, json);
        return this;
    }

    public AccessProbes query(String endpoint, String query) {
        queries.put(endpoint, query);
        return this;
    }

    public AccessProbes badToken(String name, String token) {
        badTokens.put(name, token);
        return this;
    }

    /**
     * The tokens every service must refuse with 401, each otherwise carrying {@code role}: expired, signed with
     * another key, unsigned, HS256 keyed with the public key, for {@code otherService}, from another issuer, revoked.
     */
    public AccessProbes everyBadToken(String role, String otherService, String publicKeyPem, String revoked) {
        return badToken("expired", tokens.expired(role))
                .badToken("signed with another key", tokens.signedWithAnotherKey(role))
                .badToken("alg none", tokens.unsigned(role))
                .badToken("HS256 with the public key", tokens.hmacWithPublicKey(role, publicKeyPem))
                .badToken("for another audience", tokens.forAudience(role, otherService))
                .badToken("from another issuer", tokens.fromIssuer(role, "someone-else"))
                .badToken("revoked", revoked);
    }

    /** Counts a probe written by hand: {@code refused} = the request was expected to be refused (and was). */
    public void count(ProbeClass probeClass, boolean refused) {
        tally.get(probeClass)[0]++;
        tally.get(probeClass)[refused ? 1 : 2]++;
    }

    /** Runs the matrix; fails with every probe that did not get the answer the document implies. */
    public AccessProbes run() {
        List<PolicyDocument.Row> rows = new ArrayList<>(document.rows(service));
        rows.addAll(document.rows(PolicyDocument.EVERY_SERVICE));
        for (PolicyDocument.Row row : rows) {
            for (PolicyDocument.Endpoint endpoint : row.endpoints()) {
                authentication(endpoint);
                functionLevel(row, endpoint);
                objectLevel(row, endpoint);
            }
        }
        for (PolicyDocument.Endpoint endpoint : document.publicEndpoints(service)) {
            Outcome outcome = send(endpoint, null);
            if (outcome.status() == 401 || outcome.status() == 403) {
                failures.add(endpoint + " is public in the document but answered " + outcome.status());
            }
        }
        return this;
    }

    /** Fails with every deviation, after writing the tally to target/access-probes-&lt;service&gt;.md. */
    public void assertAllAsDocumented() {
        writeTally();
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " probe(s) of " + service + " did not answer as "
                    + PolicyDocument.FILE + " says:\n  " + String.join("\n  ", failures.subList(0, Math.min(80, failures.size()))));
        }
    }

    public Map<ProbeClass, int[]> tally() {
        return tally;
    }

    private void authentication(PolicyDocument.Endpoint endpoint) {
        Map<String, String> all = new LinkedHashMap<>(badTokens);
        all.put("no token", null);
        for (Map.Entry<String, String> bad : all.entrySet()) {
            Outcome outcome = send(endpoint, bad.getValue());
            expectRefused(ProbeClass.AUTHENTICATION, endpoint, bad.getKey(), outcome, 401);
        }
    }

    private void functionLevel(PolicyDocument.Row row, PolicyDocument.Endpoint endpoint) {
        boolean record = hasRecordPlaceholder(endpoint);
        for (RoleCode role : RoleCode.values()) {
            boolean granted = row.grants().stream().anyMatch(g -> g.role() == role && (!record || g.scope() == Scope.ANY));
            String token = RoleSets.INTEGRATIONS.contains(role)
                    ? tokens.integration("probe-" + role.name().toLowerCase(), Set.of(role.name()), List.of(service))
                    : tokens.person(UUID.randomUUID().toString(), role.name());
            Outcome outcome = send(endpoint, token);
            String who = "a token holding only " + role;
            if (granted) {
                expectAllowed(ProbeClass.FUNCTION_LEVEL, endpoint, who, outcome);
            } else {
                expectRefused(ProbeClass.FUNCTION_LEVEL, endpoint, who, outcome, 403);
            }
        }
        if (!service.equals("incident-service")) {
            // An integration token as the directory issues it is for incident-service only.
            Outcome outcome = send(endpoint, tokens.integration("alertmanager", Set.of("ALERT_SOURCE"), List.of("incident-service")));
            expectRefused(ProbeClass.AUTHENTICATION, endpoint, "an alert source's token (audience incident-service)", outcome, 401);
        }
    }

    private void objectLevel(PolicyDocument.Row row, PolicyDocument.Endpoint endpoint) {
        Fixture fixture = fixtureOf(endpoint);
        boolean list = fixture == null && listFixtures.containsKey(endpoint.toString());
        if (list) {
            fixture = listFixtures.get(endpoint.toString());
        }
        if (fixture == null) {
            return;
        }
        RecordScope scope = fixture.scope();
        for (Grant grant : row.grants()) {
            if (RoleSets.INTEGRATIONS.contains(grant.role())) {
                continue;
            }
            boolean alsoAnywhere = row.anyRecord().contains(grant.role());
            String role = grant.role().name();
            String inScope;
            String outOfScope;
            switch (grant.scope()) {
                case ANY -> {
                    if (scope.serviceCode() == null) {
                        continue;
                    }
                    inScope = tokens.person(UUID.randomUUID().toString(), List.of(new ScopedRole(role, scope.serviceCode(), null)));
                    outOfScope = tokens.person(UUID.randomUUID().toString(), List.of(new ScopedRole(role, OTHER_SERVICE, null)));
                }
                case GROUP -> {
                    if (scope.group() == null || alsoAnywhere) {
                        continue;
                    }
                    inScope = tokens.person(UUID.randomUUID().toString(), List.of(new ScopedRole(role, null, scope.group())));
                    outOfScope = tokens.person(UUID.randomUUID().toString(), List.of(new ScopedRole(role, null, OTHER_GROUP)));
                }
                default -> {
                    String subject = switch (grant.scope()) {
                        case ASSIGNEE -> scope.assigneeId();
                        case OWNER -> scope.ownerId();
                        case REQUESTER -> scope.requesterId();
                        default -> null;
                    };
                    if (subject == null || alsoAnywhere) {
                        continue;
                    }
                    inScope = tokens.person(subject, List.of(ScopedRole.global(role)));
                    outOfScope = tokens.person(UUID.randomUUID().toString(), List.of(ScopedRole.global(role)));
                }
            }
            String what = role + " (" + grant.scope().docName() + ")";
            if (list) {
                Outcome in = send(endpoint, inScope);
                Outcome out = send(endpoint, outOfScope);
                tally.get(ProbeClass.OBJECT_LEVEL)[0] += 2;
                if (in.status() != 200 || !in.body().contains(fixture.id())) {
                    failures.add(endpoint + ": " + what + " in scope should list " + fixture.id() + " but got " + in.status());
                } else {
                    tally.get(ProbeClass.OBJECT_LEVEL)[2]++;
                }
                if (out.status() == 200 && out.body().contains(fixture.id()) || out.status() >= 500) {
                    failures.add(endpoint + ": " + what + " out of scope listed " + fixture.id() + " (" + out.status() + ")");
                } else {
                    tally.get(ProbeClass.OBJECT_LEVEL)[1]++;
                }
            } else {
                expectAllowed(ProbeClass.OBJECT_LEVEL, endpoint, what + " in scope", send(endpoint, inScope));
                expectRefused(ProbeClass.OBJECT_LEVEL, endpoint, what + " out of scope", send(endpoint, outOfScope), 403);
            }
        }
    }

    private Fixture fixtureOf(PolicyDocument.Endpoint endpoint) {
        for (Map.Entry<String, Fixture> entry : recordFixtures.entrySet()) {
            if (endpoint.path().contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private boolean hasRecordPlaceholder(PolicyDocument.Endpoint endpoint) {
        return recordFixtures.keySet().stream().anyMatch(endpoint.path()::contains)
                || endpoint.path().matches(".*\\{(id|code|groupCode|clientId|templateId)}.*");
    }

    private void expectAllowed(ProbeClass probeClass, PolicyDocument.Endpoint endpoint, String who, Outcome outcome) {
        tally.get(probeClass)[0]++;
        if (outcome.status() == 401 || outcome.status() == 403 || outcome.status() >= 500) {
            failures.add(endpoint + ": " + who + " should be allowed but got " + outcome.status() + " " + abbreviate(outcome.body()));
        } else {
            tally.get(probeClass)[2]++;
        }
    }

    private void expectRefused(ProbeClass probeClass, PolicyDocument.Endpoint endpoint, String who, Outcome outcome, int status) {
        tally.get(probeClass)[0]++;
        if (outcome.status() != status || outcome.contentType() == null || !outcome.contentType().startsWith("application/problem+json")) {
            failures.add(endpoint + ": " + who + " should get " + status + " problem+json but got " + outcome.status()
                    + " " + outcome.contentType() + " " + abbreviate(outcome.body()));
        } else {
            tally.get(probeClass)[1]++;
        }
    }

    private Outcome send(PolicyDocument.Endpoint endpoint, String token) {
        String path = endpoint.path();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            path = path.replace(p.getKey(), p.getValue());
        }
        if (path.contains("{")) {
            throw new IllegalStateException("no value for a placeholder of " + endpoint + " (give it with placeholder/record)");
        }
        String query = queries.get(endpoint.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + (query != null ? "?" + query : "")))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String body = bodies.getOrDefault(endpoint.toString(), "{}");
        switch (endpoint.method()) {
            case "GET" -> request.GET();
            case "POST", "PUT", "PATCH" -> request.method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            default -> request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream in = response.body()) {
                String text = contentType != null && contentType.startsWith("text/event-stream") ? ""
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Outcome(response.statusCode(), contentType, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(endpoint + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private void writeTally() {
        StringBuilder table = new StringBuilder("| " + service + " | probes | refused as documented | allowed as documented |\n|---|---|---|---|\n");
        tally.forEach((c, counts) -> table.append("| ").append(c.name().toLowerCase().replace('_', ' ')).append(" | ")
                .append(counts[0]).append(" | ").append(counts[1]).append(" | ").append(counts[2]).append(" |\n"));
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "access-probes-" + service + ".md"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
