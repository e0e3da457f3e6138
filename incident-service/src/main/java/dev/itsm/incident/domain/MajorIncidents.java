package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.MajorIncidentDeclared;
import dev.itsm.contracts.incident.MajorIncidentReviewed;
import dev.itsm.contracts.incident.MajorIncidentRole;
import dev.itsm.contracts.incident.ReviewAction;
import dev.itsm.contracts.incident.StakeholderUpdatePosted;
import dev.itsm.incident.repository.DirectoryRows;
import dev.itsm.incident.repository.MajorIncidentRows;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Major incidents, as the seeds run an outage: an Incident Manager declares one and the roles around it are filled
 * from the directory copy; IT Communications, the Liaison or the Incident Manager post stakeholder updates, which are
 * recorded and published for notification-service to send; the Scribe keeps the record in the timeline (work notes);
 * the post-incident review (summary, contributing factors, actions with owners) closes the resolved incident.
 */
@ApplicationScoped
public class MajorIncidents {
    private final IncidentWork work;
    private final DirectoryRows directory;
    private final MajorIncidentRows majors;
    private final Clock clock;

    MajorIncidents(IncidentWork work, DirectoryRows directory, MajorIncidentRows majors, Clock clock) {
        this.work = work;
        this.directory = directory;
        this.majors = majors;
        this.clock = clock;
    }

    /**
     * @param named     people the declaration names for individual roles (each must hold the role in the directory)
     * @param namedTeam restoration team members (active people); empty to take the directory's restoration groups
     */
    public record Declaration(String reason, Map<RoleCode, String> named, List<String> namedTeam) {
    }

    /** A post-incident review: what happened, why, and what will be done by whom. */
    public record Review(String summary, List<String> contributingFactors, List<ReviewAction> actions) {
    }

    public Uni<IncidentSnapshot> declare(UUID id, Declaration declaration, Actor actor) {
        return work.act(id, IncidentStep.DECLARE_MAJOR, actor, (tx, incident) -> {
            String reason = IncidentDecisions.required(declaration.reason(), "a reason to declare a major incident");
            Set<RoleCode> unknownRoles = declaration.named().keySet().stream()
                    .filter(r -> !MajorIncidentTeam.ROLES.contains(r)).collect(Collectors.toSet());
            if (!unknownRoles.isEmpty()) {
                throw ApiProblem.unprocessable("a major incident has no role " + unknownRoles + "; its roles are "
                        + MajorIncidentTeam.ROLES);
            }
            List<String> roles = MajorIncidentTeam.ROLES.stream().map(Enum::name).toList();
            return directory.holders(tx, roles, incident.serviceCode())
                    .chain(holders -> directory.membersOfGroupsWithRole(tx, RoleCode.SERVICE_RESTORATION_TEAM.name())
                            .chain(restoration -> directory.activePeople(tx, declaration.namedTeam()).map(active -> {
                                Map<String, List<String>> byRole = new TreeMap<>();
                                holders.forEach((role, list) -> byRole.put(role, list.stream().map(DirectoryRows.Holder::personId).toList()));
                                checkNamed(declaration, byRole, active);
                                List<MajorIncidentRole> team = MajorIncidentTeam.fill(actor.id(), declaration.named(),
                                        declaration.namedTeam(), byRole, restoration);
                                return declared(incident, reason, team, actor.id(), clock.instant());
                            })));
        }, (tx, change) -> {
            MajorIncidentDeclared declared = (MajorIncidentDeclared) change.events().get(0).payload();
            return majors.declare(tx, id, actor.id(), declared.declaredAt(), declared.reason(), declared.roles());
        });
    }

    private static void checkNamed(Declaration declaration, Map<String, List<String>> holders, List<String> activeTeam) {
        declaration.named().forEach((role, person) -> {
            if (!holders.getOrDefault(role.name(), List.of()).contains(person)) {
                throw new ApiProblem(422, "not-a-role-holder", "Not a holder of the role",
                        "person " + person + " does not hold the role " + role + " in the directory", Map.of("role", role.name(),
                        "personId", person));
            }
        });
        Set<String> unknown = new LinkedHashSet<>(declaration.namedTeam());
        activeTeam.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new ApiProblem(422, "unknown-people", "Unknown people", "the directory has no active person " + unknown,
                    Map.of("personIds", List.copyOf(unknown)));
        }
    }

    static Change declared(IncidentSnapshot i, String reason, List<MajorIncidentRole> team, String actorId, Instant now) {
        IncidentSnapshot after = i.with(b -> {
            b.major = true;
            b.updatedAt = now;
        });
        List<String> unfilled = MajorIncidentTeam.unfilled(team);
        String roles = team.stream().map(r -> r.role() + "=" + r.personId()).collect(Collectors.joining(", "));
        TimelineEntry line = new TimelineEntry(i.id(), now, actorId, TimelineEntry.Kind.MAJOR_INCIDENT, TimelineEntry.Visibility.INTERNAL,
                "declared a major incident: " + reason + "; team: " + roles + (unfilled.isEmpty() ? "" : "; unfilled: " + unfilled),
                "major", "false", "true");
        return new Change(i, after, List.of(line), List.of(new DomainEvent(EventTypes.MAJOR_INCIDENT_DECLARED, i.id().toString(),
                new MajorIncidentDeclared(i.id(), i.number(), i.title(), i.serviceCode(), i.priority(), actorId, reason, team,
                        i.assignmentGroup(), i.assigneeId(), i.reporterId(), now))));
    }

    public Uni<IncidentSnapshot> postUpdate(UUID id, String message, Actor actor) {
        UUID updateId = UUID.randomUUID();
        return work.act(id, IncidentStep.STAKEHOLDER_UPDATE, actor, (tx, incident) -> Uni.createFrom().item(() -> {
            String text = IncidentDecisions.required(message, "the message of the update");
            Instant now = clock.instant();
            IncidentSnapshot after = incident.with(b -> b.updatedAt = now);
            TimelineEntry line = TimelineEntry.customer(incident, now, actor.id(), TimelineEntry.Kind.STAKEHOLDER_UPDATE, text);
            return new Change(incident, after, List.of(line), List.of(new DomainEvent(EventTypes.STAKEHOLDER_UPDATED,
                    incident.id().toString(), new StakeholderUpdatePosted(incident.id(), updateId, incident.number(), incident.title(),
                    incident.serviceCode(), incident.priority(), incident.status(), actor.id(), text, incident.reporterId(), now))));
        }), (tx, change) -> majors.addUpdate(tx, id, new MajorIncidentRows.Update(updateId, actor.id(), message.strip(),
                change.after().updatedAt())));
    }

    public Uni<IncidentSnapshot> review(UUID id, Review review, Actor actor) {
        return work.act(id, IncidentStep.REVIEW, actor, (tx, incident) -> {
            String summary = IncidentDecisions.required(review.summary(), "a summary of what happened");
            List<String> factors = review.contributingFactors() == null ? List.of()
                    : review.contributingFactors().stream().filter(f -> f != null && !f.isBlank()).map(String::strip).toList();
            if (factors.isEmpty()) {
                throw ApiProblem.unprocessable("a post-incident review needs at least one contributing factor");
            }
            List<ReviewAction> actions = review.actions() == null ? List.of() : review.actions();
            for (ReviewAction action : actions) {
                IncidentDecisions.required(action.description(), "a description for every action");
                IncidentDecisions.required(action.ownerId(), "an owner for every action");
            }
            List<String> owners = actions.stream().map(ReviewAction::ownerId).distinct().toList();
            return directory.activePeople(tx, owners).map(active -> {
                Set<String> unknown = new LinkedHashSet<>(owners);
                active.forEach(unknown::remove);
                if (!unknown.isEmpty()) {
                    throw new ApiProblem(422, "unknown-owners", "Unknown action owners",
                            "the directory has no active person " + unknown + " to own an action", Map.of("ownerIds", List.copyOf(unknown)));
                }
                return reviewed(incident, summary, factors, actions, actor.id(), clock.instant());
            });
        }, (tx, change) -> {
            MajorIncidentReviewed reviewed = (MajorIncidentReviewed) change.events().get(0).payload();
            return majors.review(tx, id, actor.id(), reviewed.reviewedAt(), reviewed.summary(), reviewed.contributingFactors(),
                    reviewed.actions());
        });
    }

    static Change reviewed(IncidentSnapshot i, String summary, List<String> factors, List<ReviewAction> actions, String actorId,
                           Instant now) {
        IncidentStatus to = IncidentLifecycle.next(i.status(), i.major(), IncidentStep.REVIEW);
        IncidentSnapshot after = i.with(b -> {
            b.status = to;
            b.closedAt = now;
            b.updatedAt = now;
        });
        List<TimelineEntry> lines = new ArrayList<>();
        lines.add(TimelineEntry.internal(i, now, actorId, TimelineEntry.Kind.REVIEW, "post-incident review: " + summary
                + "; contributing factors: " + String.join("; ", factors) + "; actions: " + actions.stream()
                .map(a -> a.description() + " (" + a.ownerId() + (a.dueDate() != null ? ", by " + a.dueDate() : "") + ")")
                .collect(Collectors.joining("; "))));
        lines.add(TimelineEntry.status(i, after, now, actorId, "closed by its post-incident review"));
        List<ReviewAction> cleaned = actions.stream().map(a -> new ReviewAction(a.description().strip(), a.ownerId().strip(),
                a.dueDate())).toList();
        return new Change(i, after, lines, List.of(
                new DomainEvent(EventTypes.MAJOR_INCIDENT_REVIEWED, i.id().toString(), new MajorIncidentReviewed(i.id(), i.number(),
                        i.serviceCode(), actorId, summary, factors, cleaned, now)),
                IncidentDecisions.statusChanged(i, after, actorId, "post-incident review", now)));
    }
}
