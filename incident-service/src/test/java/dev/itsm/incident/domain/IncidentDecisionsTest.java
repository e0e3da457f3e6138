package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.IncidentReprioritised;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.MajorIncidentRole;
import dev.itsm.contracts.incident.NoteVisibility;
import dev.itsm.kit.domain.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.itsm.incident.domain.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentDecisionsTest {
    private static final Escalation.Ladder PAYROLL = new Escalation.Ladder("service-desk", "payroll-tier2", "payroll-tier3");

    @Test
    void classifyingRecomputesThePriorityAndRecordsWhyFieldByField() {
        IncidentSnapshot p3 = Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM);
        Change change = IncidentDecisions.classify(p3, new IncidentDecisions.Classification("Software", Impact.HIGH, null,
                "all tenants affected"), "sam", at(Duration.ofMinutes(3)), Fixtures.SETTINGS);
        assertThat(change.after().category()).as("the catalogue's spelling").isEqualTo("software");
        assertThat(change.after().priority()).isEqualTo(Priority.P2);
        assertThat(change.after().sla().ownTarget()).isEqualTo(Duration.ofMinutes(30));
        assertThat(change.timeline()).extracting(TimelineEntry::field).containsExactly("category", "impact", "priority");
        assertThat(change.timeline().get(2).summary()).contains("P3 -> P2").contains("all tenants affected");
        assertThat(change.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventTypes.INCIDENT_REPRIORITISED);
            IncidentReprioritised r = (IncidentReprioritised) e.payload();
            assertThat(r.from()).isEqualTo(Priority.P3);
            assertThat(r.to()).isEqualTo(Priority.P2);
            assertThat(r.reason()).isEqualTo("all tenants affected");
        });
    }

    @Test
    void anUnknownCategoryOrAPriorityChangeWithoutAReasonIsRefused() {
        IncidentSnapshot p3 = Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM);
        assertThatThrownBy(() -> IncidentDecisions.classify(p3, new IncidentDecisions.Classification("plumbing", null, null, null), "sam",
                Fixtures.T0, Fixtures.SETTINGS)).isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(422);
                    assertThat(p.getMessage()).contains("plumbing").contains("software");
                });
        assertThatThrownBy(() -> IncidentDecisions.classify(p3, new IncidentDecisions.Classification(null, Impact.LOW, null, " "), "sam",
                Fixtures.T0, Fixtures.SETTINGS)).isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(422);
                    assertThat(p.getMessage()).contains("P3 to P4").contains("reason");
                });
        assertThatThrownBy(() -> IncidentDecisions.classify(p3, new IncidentDecisions.Classification(null, null, null, "x"), "sam",
                Fixtures.T0, Fixtures.SETTINGS)).isInstanceOf(ApiProblem.class);
        Change same = IncidentDecisions.classify(p3, new IncidentDecisions.Classification(null, Impact.MEDIUM, null, null), "sam",
                Fixtures.T0, Fixtures.SETTINGS);
        assertThat(same.after()).as("nothing changed: nothing recorded").isEqualTo(p3);
        assertThat(same.timeline()).isEmpty();
    }

    @Test
    void assigningToAnotherPersonNeedsTheirAcceptAgainAndTheSameAssignmentIsRefused() {
        IncidentSnapshot accepted = IncidentDecisions.step(Fixtures.incident(Impact.MEDIUM, Urgency.MEDIUM), IncidentStep.ACCEPT, "tina",
                IncidentDecisions.StepDetails.NONE, Fixtures.T0, Fixtures.SETTINGS).after();
        Change toTom = IncidentDecisions.assign(accepted, new IncidentDecisions.Assignment("payroll-tier2", 2, "tom", "export job"),
                PAYROLL, "sam", at(Duration.ofMinutes(10)));
        assertThat(toTom.after().status()).isEqualTo(IncidentStatus.NEW);
        assertThat(toTom.after().assigneeId()).isEqualTo("tom");
        assertThat(toTom.after().escalationTier()).isEqualTo(2);
        assertThat(toTom.events()).extracting(DomainEvent::type).containsExactly(EventTypes.INCIDENT_ASSIGNED,
                EventTypes.INCIDENT_STATUS_CHANGED);
        assertThatThrownBy(() -> IncidentDecisions.assign(toTom.after(), new IncidentDecisions.Assignment("payroll-tier2", 2, "tom",
                null), PAYROLL, "sam", at(Duration.ofMinutes(11)))).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(422));

        Change groupOnly = IncidentDecisions.assign(Fixtures.incident(Impact.LOW, Urgency.LOW),
                new IncidentDecisions.Assignment("payroll-tier2", 2, null, null), PAYROLL, "sam", Fixtures.T0);
        assertThat(groupOnly.events()).extracting(DomainEvent::type).containsExactly(EventTypes.INCIDENT_ASSIGNED);
    }

    @Test
    void notesKeepWorkNotesApartFromCommentsAndNeedText() {
        IncidentSnapshot i = Fixtures.incident(Impact.LOW, Urgency.LOW);
        assertThat(IncidentDecisions.note(i, NoteVisibility.WORK_NOTE, "checked the logs", "tom", Fixtures.T0).timeline())
                .singleElement().satisfies(line -> assertThat(line.visibility()).isEqualTo(TimelineEntry.Visibility.INTERNAL));
        assertThat(IncidentDecisions.note(i, NoteVisibility.COMMENT, "we are on it", "sam", Fixtures.T0).timeline())
                .singleElement().satisfies(line -> assertThat(line.visibility()).isEqualTo(TimelineEntry.Visibility.CUSTOMER));
        assertThatThrownBy(() -> IncidentDecisions.note(i, NoteVisibility.COMMENT, " ", "sam", Fixtures.T0))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(422));
    }

    @Test
    void theMajorIncidentTeamComesFromTheDeclarationThenTheDirectory() {
        List<MajorIncidentRole> team = MajorIncidentTeam.fill("ivan", Map.of(RoleCode.SCRIBE, "simon"), List.of(),
                Map.of("IT_COMMUNICATIONS", List.of("cora", "colin"), "SCRIBE", List.of("sue"), "LIAISON", List.of("cora")),
                List.of("ivan", "rita"));
        assertThat(team).containsExactly(new MajorIncidentRole("INCIDENT_MANAGER", "ivan"),
                new MajorIncidentRole("IT_COMMUNICATIONS", "cora"), new MajorIncidentRole("SCRIBE", "simon"),
                new MajorIncidentRole("LIAISON", "cora"), new MajorIncidentRole("SERVICE_RESTORATION_TEAM", "ivan"),
                new MajorIncidentRole("SERVICE_RESTORATION_TEAM", "rita"));
        assertThat(MajorIncidentTeam.unfilled(team)).containsExactly("OUTAGE_COORDINATOR");
    }

    @Test
    void theReviewClosesTheResolvedMajorIncident() {
        IncidentSnapshot resolved = Fixtures.incident(Impact.HIGH, Urgency.HIGH).with(b -> {
            b.status = IncidentStatus.RESOLVED;
            b.resolvedAt = at(Duration.ofHours(1));
            b.major = true;
        });
        Change reviewed = MajorIncidents.reviewed(resolved, "lock held by the export", List.of("no export timeout"),
                List.of(new dev.itsm.contracts.incident.ReviewAction("add a timeout", "terry", null)), "ivan", at(Duration.ofDays(1)));
        assertThat(reviewed.after().status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(reviewed.after().closedAt()).isEqualTo(at(Duration.ofDays(1)));
        assertThat(reviewed.events()).extracting(DomainEvent::type).containsExactly(EventTypes.MAJOR_INCIDENT_REVIEWED,
                EventTypes.INCIDENT_STATUS_CHANGED);
    }
}
