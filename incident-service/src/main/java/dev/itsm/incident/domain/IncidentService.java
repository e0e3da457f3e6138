package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentOrigin;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.NoteVisibility;
import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.repository.DirectoryRows;
import dev.itsm.incident.repository.IncidentRows;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.domain.Causation;
import dev.itsm.kit.domain.Titles;
import dev.itsm.kit.outbox.Outbox;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.RecordScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs every incident use case of a person in one transaction: check the actor's role, lock the incident, apply
 * the rule, and write the incident, its timeline, its SLA timers and its events together.
 */
@ApplicationScoped
public class IncidentService {
    private final IncidentRows rows;
    private final DirectoryRows directory;
    private final IncidentWork work;
    private final Outbox outbox;
    private final IncidentConfig config;
    private final IncidentDecisions.Settings settings;
    private final Pool pool;
    private final Clock clock;

    IncidentService(IncidentRows rows, DirectoryRows directory, IncidentWork work, Outbox outbox,
                    IncidentConfig config, Pool pool, Clock clock) {
        this.rows = rows;
        this.directory = directory;
        this.work = work;
        this.outbox = outbox;
        this.config = config;
        this.settings = settings(config);
        this.pool = pool;
        this.clock = clock;
    }

    static IncidentDecisions.Settings settings(IncidentConfig config) {
        return new IncidentDecisions.Settings(config.reopenWindow(), config.defaultAssignmentGroup(), config.categories(),
                SlaPolicy.of(config.sla()));
    }

    public IncidentDecisions.Settings settings() {
        return settings;
    }

    // ---- report ----

    /** A reported incident and how it came in. */
    public record Reported(IncidentSnapshot incident, IncidentOrigin origin) {
    }

    /**
     * Opens a reported incident on the caller's SQL-client transaction, with as few statements as the work needs: the
     * service's Tier 1 group and recent changes from this service's copies, the incident, its timeline, its SLA timers
     * and its event.
     */
    public Uni<Reported> report(SqlConnection tx, NewIncident request, Actor actor) {
        IncidentAccess.POLICY.require(actor, IncidentAccess.CREATE, RecordScope.ofService(request.serviceCode()));
        // Only those who record calls for others (the Service Desk, the Incident Manager, incident sources) name
        // another person as the reporter.
        if (request.reporterId() != null && !request.reporterId().equals(actor.id())
                && IncidentAccess.RECORD_FOR_OTHERS.stream().noneMatch(role -> actor.holdsFor(role, request.serviceCode()))) {
            throw new ApiProblem(403, "forbidden-field", "You may not set this field",
                    "only the Service Desk, the Incident Manager and incident sources report on behalf of someone else",
                    Map.of("level", "property", "field", "reporterId"));
        }
        String category = request.category() == null || request.category().isBlank() ? null
                : IncidentDecisions.category(request.category(), settings.categories());
        IncidentOrigin origin = actor.hasAny(RoleCode.INCIDENT_SOURCE) ? IncidentOrigin.INTEGRATION : IncidentOrigin.MANUAL;
        Instant now = clock.instant();
        String reporter = request.reporterId() != null ? request.reporterId() : actor.id();
        IncidentSnapshot draft = new IncidentSnapshot(UUID.randomUUID(), null, false, null, Titles.fit(request.title()),
                request.description(), request.serviceCode(),
                SymptomSignature.of(request.symptom() != null && !request.symptom().isBlank() ? request.symptom() : request.title()),
                null, reporter, null, null, IncidentStatus.NEW, request.impact(), request.urgency(),
                PriorityMatrix.priority(request.impact(), request.urgency()), 0, 0, null, null, now, null, null, null, now)
                .with(b -> {
                    b.origin = origin;
                    b.category = category;
                    b.sla = SlaTiming.of(settings.sla().of(b.priority));
                });
        List<String> service = List.of(request.serviceCode());
        return Uni.combine().all().unis(rows.tier1Groups(tx, service),
                        rows.recentChanges(tx, service, now.minus(config.triage().changeWindow()), now)).asTuple()
                .map(found -> Openings.prepare(draft, found.getItem1(), config.defaultAssignmentGroup(), found.getItem2(),
                        config.triage().changeWindow()))
                .chain(prepared -> rows.insert(tx, List.of(prepared)).map(numbers -> prepared.numbered(numbers.get(prepared.id()))))
                .call(incident -> work.store(tx, List.of(incident), List.of(),
                        Openings.timeline(incident, actor.id(), "reported by " + reporter),
                        List.of(outbox.pending(EventTypes.INCIDENT_OPENED, incident.id().toString(), opened(incident, origin),
                                Causation.rootedAt(incident.id().toString()))), new IncidentWork.Audited("REPORT", actor.id())))
                .map(incident -> new Reported(incident, origin));
    }

    static IncidentOpened opened(IncidentSnapshot i, IncidentOrigin origin) {
        return new IncidentOpened(i.id(), i.number(), i.title(), i.serviceCode(), i.impact(), i.urgency(), i.priority(), i.signature(),
                origin, i.fingerprint(), i.assignmentGroup(), i.reporterId(), i.openedAt());
    }

    // ---- reads ----

    public Uni<IncidentSnapshot> get(UUID id) {
        return rows.find(pool, id).map(found -> found.orElseThrow(() -> ApiProblem.notFound("incident", id)));
    }

    // ---- steps ----

    /** accept, hold, resume, resolve, close, cancel, reopen, hand back. */
    public Uni<IncidentSnapshot> step(UUID id, IncidentStep step, IncidentDecisions.StepDetails details, Actor actor) {
        return work.act(id, step, actor, (tx, incident) -> Uni.createFrom().item(
                () -> IncidentDecisions.step(incident, step, actor.id(), details, clock.instant(), settings)));
    }

    public Uni<IncidentSnapshot> classify(UUID id, IncidentDecisions.Classification classification, Actor actor) {
        return work.act(id, IncidentStep.CLASSIFY, actor, (tx, incident) -> Uni.createFrom().item(
                () -> IncidentDecisions.classify(incident, classification, actor.id(), clock.instant(), settings)));
    }

    public Uni<IncidentSnapshot> update(UUID id, String title, String description, Actor actor) {
        return work.act(id, IncidentStep.UPDATE, actor, (tx, incident) -> Uni.createFrom().item(
                () -> IncidentDecisions.update(incident, title == null ? null : Titles.fit(title.strip()), description, actor.id(),
                        clock.instant())));
    }

    public Uni<IncidentSnapshot> note(UUID id, NoteVisibility visibility, String text, Actor actor) {
        IncidentStep step = visibility == NoteVisibility.COMMENT ? IncidentStep.COMMENT : IncidentStep.WORK_NOTE;
        return work.act(id, step, actor, (tx, incident) -> Uni.createFrom().item(
                () -> IncidentDecisions.note(incident, visibility, text, actor.id(), clock.instant())));
    }

    /** To a group the directory knows, and optionally to one of its active members. */
    public Uni<IncidentSnapshot> assign(UUID id, String group, String assigneeId, String reason, Actor actor) {
        return work.act(id, IncidentStep.ASSIGN, actor, (tx, incident) -> directory.group(tx, group).chain(found -> {
            DirectoryRows.Group target = found.orElseThrow(() -> new ApiProblem(422, "unknown-group", "Unknown group",
                    "the directory has no group '" + group + "'", Map.of("group", group)));
            Uni<Boolean> member = assigneeId == null ? Uni.createFrom().item(true) : directory.isActiveMember(tx, assigneeId, group);
            return member.chain(isMember -> {
                if (!isMember) {
                    throw new ApiProblem(422, "not-a-member", "Not a member of the group",
                            "person " + assigneeId + " is not an active member of group " + group, Map.of("group", group,
                            "assigneeId", assigneeId));
                }
                return ladder(tx, incident).map(ladder -> IncidentDecisions.assign(incident,
                        new IncidentDecisions.Assignment(target.code(), target.tier(), assigneeId, reason), ladder, actor.id(),
                        clock.instant()));
            });
        }));
    }

    /** Up the service's support ladder by one tier, to the group there (and its on-call member when it has one). */
    public Uni<IncidentSnapshot> escalate(UUID id, String reason, Actor actor) {
        return work.act(id, IncidentStep.ESCALATE, actor, (tx, incident) -> {
            String why = IncidentDecisions.required(reason, "a reason to escalate");
            Instant now = clock.instant();
            return ladder(tx, incident).chain(ladder -> {
                Escalation.Target target = Escalation.next(incident, ladder).orElseThrow(() -> ApiProblem.conflict(
                        "incident is at Tier " + incident.escalationTier() + " (" + incident.assignmentGroup()
                                + ") and service " + incident.serviceCode() + " has no higher tier",
                        Map.of("currentStatus", incident.status().name(), "escalationTier", incident.escalationTier())));
                DirectoryRows.Shift shift = new DirectoryRows.Shift(target.toGroup(), now);
                return directory.onCall(tx, List.of(shift)).map(onCall -> IncidentDecisions.escalate(incident,
                        target.withAssignee(onCall.get(shift)), why, actor.id(), false, now));
            });
        });
    }

    private Uni<Escalation.Ladder> ladder(SqlConnection tx, IncidentSnapshot incident) {
        return rows.ladders(tx, List.of(incident.serviceCode())).map(ladders -> ladders.getOrDefault(incident.serviceCode(),
                new Escalation.Ladder(null, null, null))).map(l -> l.tier1() != null ? l
                : new Escalation.Ladder(config.defaultAssignmentGroup(), l.tier2(), l.tier3()));
    }
}
