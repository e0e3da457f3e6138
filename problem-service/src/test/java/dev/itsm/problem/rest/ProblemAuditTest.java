package dev.itsm.problem.rest;

import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.audit.AuditEntry;
import dev.itsm.kit.audit.AuditTrail;
import dev.itsm.problem.access.ProblemAccessProbeTest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/** Every step of a problem leaves a tamper-evident trail that no client and no database user can rewrite unnoticed. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "problem-service"))
class ProblemAuditTest {
    @Inject
    AuditTrail trail;

    private final String managerId = "pat-" + UUID.randomUUID();
    private final String manager = TestTokens.forPerson(managerId, "PROBLEM_MANAGER");

    private static Connection database() throws SQLException {
        SuiteInfra infra = SuiteInfra.get();
        return DriverManager.getConnection("jdbc:postgresql://" + infra.dbHost() + ":" + infra.dbPort() + "/problem", "problem", "problem");
    }

    @Test
    void aProblemOwnerWorksTheProblemAndEveryStepIsChained() throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String ownerId = UUID.randomUUID().toString();
        String owner = TestTokens.forPerson(ownerId, "PROBLEM_OWNER");
        String otherOwner = TestTokens.forPerson(UUID.randomUUID().toString(), "PROBLEM_OWNER");
        ProblemAccessProbeTest.publishPerson(ownerId, "PROBLEM_OWNER", service);
        String id = given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("title", "Exports stall", "serviceCode", service)).post("/api/problems")
                .then().statusCode(201).body("ownerId", nullValue()).extract().path("id");
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}").post("/api/problems/{id}/assess", id).then().statusCode(403)
                .body("level", equalTo("record"));
        given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("ownerId", UUID.randomUUID().toString()))
                .post("/api/problems/{id}/assign", id).then().statusCode(422);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("ownerId", ownerId)).post("/api/problems/{id}/assign", id).then().statusCode(200));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}").post("/api/problems/{id}/assess", id).then().statusCode(200);
        given().auth().oauth2(otherOwner).contentType(ContentType.JSON).body("{}").post("/api/problems/{id}/analyse", id).then().statusCode(403);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body("{}").post("/api/problems/{id}/analyse", id).then().statusCode(200);
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("rootCause", "lock", "fix", "batch"))
                .post("/api/problems/{id}/resolve", id).then().statusCode(200).body("status", equalTo("RESOLVED"));
        given().auth().oauth2(owner).get("/api/problems").then().statusCode(200).body("items.id", hasItems(id));
        given().auth().oauth2(otherOwner).queryParam("serviceCode", service).get("/api/problems").then().statusCode(200)
                .body("total", equalTo(0));

        given().auth().oauth2(manager).get("/api/audit/problem/{id}", id).then().statusCode(200)
                .body("items.step", org.hamcrest.Matchers.contains("RAISE", "ASSIGN", "ASSESS", "ANALYSE", "RESOLVE"))
                .body("items[1].changes.ownerId.to", equalTo(ownerId))
                .body("items[2].actorId", equalTo(ownerId));
        given().auth().oauth2(manager).get("/api/audit/problem/{id}/verify", id).then().statusCode(200)
                .body("intact", equalTo(true)).body("entries", equalTo(5));
        given().auth().oauth2(owner).get("/api/audit/problem/{id}/verify", id).then().statusCode(403);

        try (Connection db = database(); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("update audit_entry set actor_id = 'mallory' where record_id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("delete from audit_entry where record_id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            // Someone who owns the table can switch the guard off: the chain still shows where it was changed.
            sql.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
            try {
                sql.executeUpdate("update audit_entry set actor_id = 'mallory' where record_id = '" + id + "' and seq = 3");
            } finally {
                sql.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
            }
        }
        given().auth().oauth2(manager).get("/api/audit/problem/{id}/verify", id).then().statusCode(200)
                .body("intact", equalTo(false)).body("firstBrokenLink.seq", equalTo(3))
                .body("firstBrokenLink.reason", equalTo("the entry's content does not match its hash"));
        given().auth().oauth2(manager).get("/api/audit/problem/{id}/verify", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(manager).get("/api/audit/incident/{id}", id).then().statusCode(404);
    }

    /**
     * A person's step and clustering may append to one problem's chain at once, neither holding the other's row lock.
     * The second append waits for the first transaction and chains after its entry instead of failing on the position.
     */
    @Test
    void twoTransactionsAppendingToOneRecordAtOnceBothLandInOrder() throws Throwable {
        String record = "contended-" + UUID.randomUUID();
        Instant now = Instant.now();
        CompletableFuture<Void> firstAppended = new CompletableFuture<>();
        CompletableFuture<Void> releaseFirst = new CompletableFuture<>();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> run(() -> Panache.withTransaction(() -> trail
                .record(new AuditEntry("problem", record, "problem-manager", "ASSESS", Map.of(), now))
                .invoke(() -> firstAppended.complete(null))
                .chain(() -> onThisContextWhen(releaseFirst)))));
        try {
            firstAppended.get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> run(() -> Panache.withTransaction(() -> trail
                    .recordAll(List.of(new AuditEntry("problem", record, "clustering", "LINK_INCIDENT", Map.of(), now))))));
            // The second transaction waits for the first: it has not failed, and nothing of it is visible.
            await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from pg_locks where not granted") > 0);
            assertThat(second).isNotDone();
            releaseFirst.complete(null);
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            releaseFirst.complete(null);
        }

        var verified = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> trail.verify("problem", record)));
        assertThat(verified.intact()).isTrue();
        assertThat(verified.entries()).isEqualTo(2);
        var chain = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> trail.entries("problem", record, 0, 10)));
        assertThat(chain.items()).extracting(v -> v.step()).containsExactly("ASSESS", "LINK_INCIDENT");
    }

    /** Completes on the session's own Vert.x context once the future completes (a session is bound to its thread). */
    private static Uni<Void> onThisContextWhen(CompletableFuture<Void> future) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> future.thenRun(() -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private static <T> void run(java.util.function.Supplier<Uni<T>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement(); var rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void manyEntriesGoInOneStatementAndEachRecordKeepsItsOwnChain() throws Throwable {
        List<AuditEntry> entries = new ArrayList<>();
        List<String> records = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 200; i++) {
            String record = "batch-" + UUID.randomUUID();
            records.add(record);
            entries.add(new AuditEntry("problem", record, "alertmanager", "OPEN", Map.of("n", i), now));
        }
        // Half of them resolved in the same batch: a second entry on those records, chained after the first.
        for (int i = 0; i < 100; i++) {
            entries.add(new AuditEntry("problem", records.get(i), "alertmanager", "RESOLVE", Map.of("n", i), now.plusMillis(1)));
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> trail.recordAll(entries)));
        for (String record : List.of(records.get(0), records.get(99), records.get(100), records.get(199))) {
            var verified = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> trail.verify("problem", record)));
            assertThat(verified.intact()).isTrue();
            assertThat(verified.entries()).isEqualTo(records.indexOf(record) < 100 ? 2 : 1);
        }
        var chain = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> trail.entries("problem", records.get(0), 0, 10)));
        assertThat(chain.items().get(1).prevHash()).isEqualTo(chain.items().get(0).hash());
        assertThat(chain.items().get(0).prevHash()).isNull();

        // A long chain in one call: one statement per position, in order, and read back in order past ten.
        String busy = "busy-" + UUID.randomUUID();
        List<AuditEntry> steps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            steps.add(new AuditEntry("problem", busy, "someone", "STEP_" + i, Map.of("i", i), now.plusSeconds(i)));
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> trail.recordAll(steps)));
        var verified = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> trail.verify("problem", busy)));
        assertThat(verified.intact()).isTrue();
        assertThat(verified.entries()).isEqualTo(12);
        var page = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> trail.entries("problem", busy, 0, 20)));
        assertThat(page.items()).extracting(v -> v.step()).containsExactly("STEP_0", "STEP_1", "STEP_2", "STEP_3", "STEP_4",
                "STEP_5", "STEP_6", "STEP_7", "STEP_8", "STEP_9", "STEP_10", "STEP_11");
    }
}
