package dev.itsm.notification.access;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Topics;
import dev.itsm.contracts.directory.DirectoryKeys;
import dev.itsm.contracts.testing.ContractSchemas;
import dev.itsm.infra.InfraTestResource;
import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestKafka;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.testing.AccessProbes;
import dev.itsm.kit.testing.PolicyDocument;
import dev.itsm.kit.testing.ProbeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The probe matrix of notification-service, from docs/access-policy.md. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "notification-service"))
class NotificationAccessProbeTest {
    @TestHTTPResource("/")
    URL base;

    private final ProbeTokens tokens = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);

    @Test
    void everyEndpointAnswersEveryRoleAndEveryBadTokenAsThePolicySays() throws Exception {
        UUID recipient = UUID.randomUUID();
        TestKafka.send(Topics.DIRECTORY_EVENTS, DirectoryKeys.person(recipient), ContractSchemas.exampleEvent(EventTypes.DIRECTORY_PERSON,
                DirectoryKeys.person(recipient), Map.of("personId", recipient, "username", "p-" + recipient, "active", true,
                        "roles", List.of(Map.of("role", "CHANGE_MANAGER")), "groupCodes", List.of(), "channels", List.of("IN_APP"),
                        "version", 1)));
        String reader = tokens.person(recipient.toString(), "CHANGE_MANAGER");
        // Drafted changes until one reaches the recipient's inbox (the directory copy learns of them first).
        String notification = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            UUID changeId = UUID.randomUUID();
            TestKafka.send(Topics.CHANGE_EVENTS, changeId.toString(), ContractSchemas.exampleEvent(EventTypes.CHANGE_DRAFTED,
                    changeId.toString(), Map.of("changeId", changeId)));
            List<String> ids = given().auth().oauth2(reader).queryParam("size", 1).get("/api/notifications").then()
                    .statusCode(200).extract().path("items.id");
            return ids.isEmpty() ? null : ids.get(0);
        }, java.util.Objects::nonNull);

        String revokedSubject = "revoked-" + UUID.randomUUID();
        String revoked = tokens.person(revokedSubject, "USER");
        given().auth().oauth2(revoked).get("/api/notifications").then().statusCode(200);
        Instant now = Instant.now();
        String key = DirectoryKeys.revokedSubject(revokedSubject);
        TestKafka.send(Topics.DIRECTORY_EVENTS, key, ContractSchemas.exampleEvent(EventTypes.DIRECTORY_CREDENTIAL_REVOKED, key,
                Map.of("subjectId", revokedSubject, "subjectKind", "PERSON", "notBefore", now, "revokedAt", now, "version", now.toEpochMilli())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(revoked).get("/api/notifications").then().statusCode(401));

        AccessProbes.Fixture fixture = new AccessProbes.Fixture(notification, RecordScope.ownedBy(recipient.toString()));
        String subscription = given().auth().oauth2(reader).contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example.org/probe-" + recipient, "eventTypes", List.of(EventTypes.CHANGE_DRAFTED)))
                .post("/api/webhooks").then().statusCode(201).extract().path("subscription.id");
        AccessProbes.Fixture webhook = new AccessProbes.Fixture(subscription, RecordScope.ownedBy(recipient.toString()));
        AccessProbes probes = new AccessProbes(base.toString(), "notification-service", PolicyDocument.load(), tokens)
                .record("{id}", notification, fixture)
                .placeholder("{recordType}", "notification")
                .placeholder("{recordId}", notification)
                .list("GET /api/notifications", fixture)
                .record("{webhookId}", subscription, webhook)
                .placeholder("{deliveryId}", UUID.randomUUID().toString())
                .body("POST /api/webhooks", "{\"url\":\"https://hooks.example.org/probe\",\"eventTypes\":[\"" + EventTypes.CHANGE_DRAFTED + "\"]}")
                .body("PUT /api/notification-preferences", "{\"timeZone\":\"UTC\"}")
                .query("GET /api/notifications", "size=200")
                .everyBadToken("USER", "incident-service", Files.readString(SuiteInfra.get().publicKey()), revoked)
                .run();
        // The probes above marked it read only as its recipient; it is still the recipient's.
        given().auth().oauth2(reader).get("/api/notifications").then().body("items.find { it.id == '" + notification + "' }.personId",
                equalTo(recipient.toString()));
        probes.assertAllAsDocumented();
    }
}
