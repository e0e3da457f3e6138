package dev.itsm.incident.domain;

import dev.itsm.contracts.EventTypes;
import dev.itsm.contracts.Impact;
import dev.itsm.contracts.Priority;
import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.Urgency;
import dev.itsm.contracts.incident.EscalationKind;
import dev.itsm.contracts.incident.IncidentAssigned;
import dev.itsm.contracts.incident.IncidentEscalated;
import dev.itsm.contracts.incident.IncidentNoteAdded;
import dev.itsm.contracts.incident.IncidentReprioritised;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.contracts.incident.NoteVisibility;
import dev.itsm.kit.domain.ApiProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each step a person takes does to an incident: its new state, the timeline lines and the events. The caller has
 * checked the actor's role and the step against the state ({@link IncidentLifecycle}); these rules check the step's
 * own input and answer 422 for what is missing or unknown. Plain Java.
 */
public final class IncidentDecisions {

    /** What the rules need from configuration. */
    public record Settings(Duration reopenWindow, String defaultGroup, List<String> categories, SlaPolicy sla) {
        public Settings {
            categories = List.copyOf(categories);
        }
    }

    /** The input of the lifecycle steps: why (hold, cancel, reopen, hand back) or how it was fixed (resolve). */
    public record StepDetails(String reason, String resolution) {
        public static final StepDetails NONE = new StepDetails(null, null);
    }

    /** A classification; a null field keeps its value. A priority change needs a reason. */
    public record Classification(String category, Impact impact, Urgency urgency, String reason) {
    }

    /** An assignment to a group that exists, and optionally one of its members; {@code groupTier} from the directory. */
    public record Assignment(String group, Integer groupTier, String assigneeId, String reason) {
    }

    private IncidentDecisions() {
    }

    // ---- the lifecycle steps ----

    public static Change step(IncidentSnapshot i, IncidentStep step, String actorId, StepDetails details, Instant now, Settings settings) {
        IncidentStatus to = IncidentLifecycle.next(i.status(), i.major(), step);
        String reason = null;
        IncidentSnapshot.Builder b = i.toBuilder();
        List<TimelineEntry> timeline = new ArrayList<>();
        switch (step) {
            case ACCEPT -> {
                b.assigneeId = actorId;
                b.acknowledgedAt = i.acknowledgedAt() != null ? i.acknowledgedAt() : now;
            }
            case HOLD -> {
                reason = required(details.reason(), "a reason to put the incident on hold");
                b.holdReason = reason;
                b.sla = i.sla().heldFrom(now);
            }
            case RESUME -> {
                b.holdReason = null;
                b.sla = i.endHold(now);
            }
            case RESOLVE -> {
                reason = required(details.resolution(), "a resolution note");
                b.resolution = reason;
                b.resolvedAt = now;
                b.holdReason = null;
                b.sla = i.endHold(now);
            }
            case CLOSE -> b.closedAt = now;
            case CANCEL -> {
                reason = required(details.reason(), "a reason to cancel");
                b.resolution = reason;
                b.closedAt = now;
                b.holdReason = null;
                b.sla = i.endHold(now);
            }
            case REOPEN -> {
                reason = required(details.reason(), "a reason to reopen");
                if (i.resolvedAt() != null && i.resolvedAt().plus(settings.reopenWindow()).isBefore(now)) {
                    throw ApiProblem.conflict("the reopen window of " + settings.reopenWindow() + " has passed; report a new incident",
                            Map.of("currentStatus", i.status().name(), "resolvedAt", i.resolvedAt().toString()));
                }
                b.resolvedAt = null;
                b.resolution = null;
                b.sla = i.resolvedAt() == null ? i.sla() : i.sla().pausedFor(Duration.between(i.resolvedAt(), now), !i.owned());
            }
            case HAND_BACK -> {
                reason = required(details.reason(), "a reason to hand the incident back");
                b.assigneeId = null;
                b.assignmentGroup = settings.defaultGroup();
                b.escalationTier = 1;
            }
            default -> throw new IllegalArgumentException(step + " is not a lifecycle step");
        }
        b.status = to;
        b.updatedAt = now;
        IncidentSnapshot after = b.build();
        timeline.add(TimelineEntry.status(i, after, now, actorId, describe(step, actorId, reason)));
        if (!Objects.equals(i.assigneeId(), after.assigneeId()) || !Objects.equals(i.assignmentGroup(), after.assignmentGroup())) {
            timeline.add(assignmentLine(i, after, now, actorId));
        }
        return new Change(i, after, timeline, List.of(statusChanged(i, after, actorId, reason, now)));
    }

    // ---- classify and update ----

    public static Change classify(IncidentSnapshot i, Classification c, String actorId, Instant now, Settings settings) {
        IncidentLifecycle.next(i.status(), i.major(), IncidentStep.CLASSIFY);
        if (c.category() == null && c.impact() == null && c.urgency() == null) {
            throw ApiProblem.unprocessable("classify needs at least one of category, impact and urgency");
        }
        String category = c.category() == null ? i.category() : category(c.category(), settings.categories());
        Impact impact = c.impact() == null ? i.impact() : c.impact();
        Urgency urgency = c.urgency() == null ? i.urgency() : c.urgency();
        Priority priority = PriorityMatrix.priority(impact, urgency);
        String reason = c.reason() == null || c.reason().isBlank() ? null : c.reason().strip();
        if (priority != i.priority() && reason == null) {
            throw ApiProblem.unprocessable("the priority would change from " + i.priority() + " to " + priority
                    + "; give a reason for the change");
        }
        IncidentSnapshot after = i.with(b -> {
            b.category = category;
            b.updatedAt = now;
        }).prioritised(impact, urgency, now, settings.sla());
        List<TimelineEntry> timeline = new ArrayList<>();
        List<DomainEvent> events = new ArrayList<>();
        fieldLine(timeline, i, now, actorId, "category", i.category(), category, reason);
        fieldLine(timeline, i, now, actorId, "impact", i.impact(), impact, reason);
        fieldLine(timeline, i, now, actorId, "urgency", i.urgency(), urgency, reason);
        if (priority != i.priority()) {
            String why = "priority " + i.priority() + " -> " + priority + " (impact " + impact + " x urgency " + urgency + "): " + reason;
            timeline.add(TimelineEntry.field(i, now, actorId, "priority", i.priority(), priority, why));
            events.add(new DomainEvent(EventTypes.INCIDENT_REPRIORITISED, i.id().toString(), new IncidentReprioritised(i.id(),
                    i.number(), i.serviceCode(), i.priority(), priority, impact, urgency, actorId, reason, after.assignmentGroup(), now)));
        }
        return new Change(i, timeline.isEmpty() ? i : after, timeline, events);
    }

    public static Change update(IncidentSnapshot i, String title, String description, String actorId, Instant now) {
        IncidentLifecycle.next(i.status(), i.major(), IncidentStep.UPDATE);
        if (title == null && description == null) {
            throw ApiProblem.unprocessable("update needs a title or a description");
        }
        String newTitle = title == null ? i.title() : required(title, "a title that is not blank");
        String newDescription = description == null ? i.description() : description;
        IncidentSnapshot after = i.with(b -> {
            b.title = newTitle;
            b.description = newDescription;
            b.updatedAt = now;
        });
        List<TimelineEntry> timeline = new ArrayList<>();
        fieldLine(timeline, i, now, actorId, "title", i.title(), newTitle, null);
        fieldLine(timeline, i, now, actorId, "description", i.description(), newDescription, null);
        return new Change(i, timeline.isEmpty() ? i : after, timeline, List.of());
    }

    // ---- routing ----

    public static Change assign(IncidentSnapshot i, Assignment a, Escalation.Ladder ladder, String actorId, Instant now) {
        IncidentLifecycle.next(i.status(), i.major(), IncidentStep.ASSIGN);
        if (a.group().equals(i.assignmentGroup()) && Objects.equals(a.assigneeId(), i.assigneeId())) {
            throw ApiProblem.unprocessable("the incident is already assigned to " + describeAssignee(a.group(), a.assigneeId()));
        }
        String reason = a.reason() == null || a.reason().isBlank() ? null : a.reason().strip();
        boolean newAssignee = !Objects.equals(a.assigneeId(), i.assigneeId());
        int tier = Escalation.tierAfterAssignment(i, a.group(), a.groupTier(), ladder);
        IncidentSnapshot after = i.with(b -> {
            b.assignmentGroup = a.group();
            b.assigneeId = a.assigneeId();
            b.escalationTier = tier;
            // The new assignee accepts it (seed 002): until then it is New again.
            if (newAssignee && i.status() == IncidentStatus.IN_PROGRESS) {
                b.status = IncidentStatus.NEW;
            }
            b.updatedAt = now;
        });
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(assignmentLine(i, after, now, actorId, reason));
        List<DomainEvent> events = new ArrayList<>();
        events.add(new DomainEvent(EventTypes.INCIDENT_ASSIGNED, i.id().toString(), new IncidentAssigned(i.id(), i.number(),
                i.serviceCode(), i.priority(), i.assignmentGroup(), after.assignmentGroup(), i.assigneeId(), after.assigneeId(),
                actorId, reason, i.reporterId(), now)));
        statusLineAndEvent(i, after, now, actorId, "back to New until " + describeAssignee(a.group(), a.assigneeId())
                + " accepts", timeline, events);
        return new Change(i, after, timeline, events);
    }

    /** Moves the incident to the target tier's group; its on-call member, if any, becomes the assignee. */
    public static Change escalate(IncidentSnapshot i, Escalation.Target target, String reason, String actorId, boolean automatic,
                                  Instant now) {
        IncidentStatus to = IncidentLifecycle.next(i.status(), i.major(), IncidentStep.ESCALATE);
        IncidentSnapshot after = i.with(b -> {
            b.assignmentGroup = target.toGroup();
            b.assigneeId = target.assigneeId();
            b.escalationTier = target.toTier();
            b.status = to;
            b.updatedAt = now;
        });
        String summary = (automatic ? "escalated automatically" : "escalated") + " from Tier " + target.fromTier() + " ("
                + target.fromGroup() + ") to Tier " + target.toTier() + " (" + target.toGroup() + ")"
                + (target.assigneeId() != null ? ", on call: " + target.assigneeId() : ", no one on call: the group's queue")
                + (reason != null ? ": " + reason : "");
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(i.id(), now, actorId, TimelineEntry.Kind.ESCALATION, TimelineEntry.Visibility.INTERNAL,
                summary, "assignmentGroup", i.assignmentGroup(), target.toGroup()));
        List<DomainEvent> events = new ArrayList<>();
        events.add(new DomainEvent(EventTypes.INCIDENT_ESCALATED, i.id().toString(), new IncidentEscalated(i.id(), i.number(),
                i.serviceCode(), i.priority(), EscalationKind.FUNCTIONAL, target.fromTier(), target.toTier(), target.fromGroup(),
                target.toGroup(), target.assigneeId(), null, actorId, reason, automatic, i.reporterId(), now)));
        statusLineAndEvent(i, after, now, actorId, "escalated to " + target.toGroup(), timeline, events);
        return new Change(i, after, timeline, events);
    }

    /** Tells the Incident Manager: an SLA breach on a high-priority incident (hierarchical escalation). */
    public static Change escalateToManager(IncidentSnapshot i, String reason, String actorId, Instant at) {
        List<TimelineEntry> timeline = List.of(TimelineEntry.internal(i, at, actorId, TimelineEntry.Kind.ESCALATION,
                "escalated to the Incident Manager: " + reason));
        List<DomainEvent> events = List.of(new DomainEvent(EventTypes.INCIDENT_ESCALATED, i.id().toString(), new IncidentEscalated(
                i.id(), i.number(), i.serviceCode(), i.priority(), EscalationKind.HIERARCHICAL, i.escalationTier(), null,
                i.assignmentGroup(), null, i.assigneeId(), RoleCode.INCIDENT_MANAGER.name(), actorId, reason, true, i.reporterId(),
                at)));
        return new Change(i, i, timeline, events);
    }

    // ---- notes ----

    public static Change note(IncidentSnapshot i, NoteVisibility visibility, String text, String actorId, Instant now) {
        IncidentStep step = visibility == NoteVisibility.COMMENT ? IncidentStep.COMMENT : IncidentStep.WORK_NOTE;
        IncidentLifecycle.next(i.status(), i.major(), step);
        String body = required(text, "the text of the note");
        TimelineEntry line = visibility == NoteVisibility.COMMENT
                ? TimelineEntry.customer(i, now, actorId, TimelineEntry.Kind.COMMENT, body)
                : TimelineEntry.internal(i, now, actorId, TimelineEntry.Kind.WORK_NOTE, body);
        IncidentSnapshot after = i.with(b -> b.updatedAt = now);
        return new Change(i, after, List.of(line), List.of(new DomainEvent(EventTypes.INCIDENT_NOTE_ADDED, i.id().toString(),
                new IncidentNoteAdded(i.id(), i.number(), i.serviceCode(), i.priority(), visibility, actorId, body,
                        i.assignmentGroup(), i.assigneeId(), i.reporterId(), now))));
    }

    // ---- shared ----

    public static DomainEvent statusChanged(IncidentSnapshot before, IncidentSnapshot after, String actorId, String reason, Instant at) {
        return new DomainEvent(EventTypes.INCIDENT_STATUS_CHANGED, after.id().toString(), new IncidentStatusChanged(after.id(),
                after.number(), after.serviceCode(), after.signature(), after.priority(), before.status(), after.status(), actorId,
                reason, at, after.reporterId(), after.assignmentGroup(), after.assigneeId()));
    }

    private static void statusLineAndEvent(IncidentSnapshot before, IncidentSnapshot after, Instant at, String actorId, String why,
                                           List<TimelineEntry> timeline, List<DomainEvent> events) {
        if (before.status() != after.status()) {
            timeline.add(TimelineEntry.status(before, after, at, actorId, before.status() + " -> " + after.status() + ": " + why));
            events.add(statusChanged(before, after, actorId, why, at));
        }
    }

    /** The catalogue's spelling of a category, or 422 naming the catalogue. */
    static String category(String requested, List<String> catalogue) {
        return catalogue.stream().filter(c -> c.equalsIgnoreCase(requested.strip())).findFirst()
                .orElseThrow(() -> new ApiProblem(422, "unknown-category", "Unknown category",
                        "'" + requested + "' is not in the category catalogue " + catalogue, Map.of("categories", catalogue)));
    }

    private static void fieldLine(List<TimelineEntry> timeline, IncidentSnapshot i, Instant at, String actorId, String field,
                                  Object from, Object to, String reason) {
        if (!Objects.equals(from, to)) {
            timeline.add(TimelineEntry.field(i, at, actorId, field, from, to,
                    field + " " + (from == null ? "set" : "changed") + " to " + abbreviate(String.valueOf(to))
                            + (reason != null ? ": " + reason : "")));
        }
    }

    private static TimelineEntry assignmentLine(IncidentSnapshot before, IncidentSnapshot after, Instant at, String actorId) {
        return assignmentLine(before, after, at, actorId, null);
    }

    private static TimelineEntry assignmentLine(IncidentSnapshot before, IncidentSnapshot after, Instant at, String actorId, String reason) {
        return new TimelineEntry(after.id(), at, actorId, TimelineEntry.Kind.ASSIGNMENT, TimelineEntry.Visibility.INTERNAL,
                "assigned to " + describeAssignee(after.assignmentGroup(), after.assigneeId()) + (reason != null ? ": " + reason : ""),
                "assignee", describeAssignee(before.assignmentGroup(), before.assigneeId()),
                describeAssignee(after.assignmentGroup(), after.assigneeId()));
    }

    private static String describeAssignee(String group, String assignee) {
        return assignee == null ? "group " + group : assignee + " of group " + group;
    }

    private static String describe(IncidentStep step, String actorId, String reason) {
        String verb = switch (step) {
            case ACCEPT -> "accepted by " + actorId;
            case HOLD -> "put on hold";
            case RESUME -> "resumed";
            case RESOLVE -> "resolved";
            case CLOSE -> "closed";
            case CANCEL -> "canceled";
            case REOPEN -> "reopened";
            case HAND_BACK -> "handed back to the Service Desk";
            default -> step.path();
        };
        return reason == null ? verb : verb + ": " + reason;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.unprocessable("this step needs " + what);
        }
        return value.strip();
    }
}
