package dev.itsm.contracts;

import dev.itsm.contracts.alert.AlertSignal;
import dev.itsm.contracts.change.ChangeClosed;
import dev.itsm.contracts.change.ChangeDrafted;
import dev.itsm.contracts.change.ChangeImplemented;
import dev.itsm.contracts.change.ChangeStatusChanged;
import dev.itsm.contracts.directory.GroupChanged;
import dev.itsm.contracts.directory.OnCallShiftChanged;
import dev.itsm.contracts.directory.PersonChanged;
import dev.itsm.contracts.directory.RoleDefined;
import dev.itsm.contracts.directory.ServiceChanged;
import dev.itsm.contracts.incident.IncidentAssigned;
import dev.itsm.contracts.incident.IncidentEscalated;
import dev.itsm.contracts.incident.IncidentNoteAdded;
import dev.itsm.contracts.incident.IncidentOpened;
import dev.itsm.contracts.incident.IncidentProblemLinked;
import dev.itsm.contracts.incident.IncidentReprioritised;
import dev.itsm.contracts.incident.IncidentSlaThresholdReached;
import dev.itsm.contracts.incident.IncidentStatusChanged;
import dev.itsm.contracts.incident.MajorIncidentDeclared;
import dev.itsm.contracts.incident.MajorIncidentReviewed;
import dev.itsm.contracts.incident.StakeholderUpdatePosted;
import dev.itsm.contracts.problem.ProblemClosed;
import dev.itsm.contracts.problem.ProblemIncidentLinked;
import dev.itsm.contracts.problem.ProblemRaised;
import dev.itsm.contracts.problem.ProblemResolved;
import dev.itsm.contracts.problem.ProblemStatusChanged;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CloudEvents {@code type} values, each bound to its payload record and its topic.
 * The version suffix changes only on a breaking change; a new version is a new type.
 */
public final class EventTypes {
    public static final String ALERT_SIGNALLED = "itsm.alert.signalled.v1";

    public static final String INCIDENT_OPENED = "itsm.incident.opened.v1";
    public static final String INCIDENT_STATUS_CHANGED = "itsm.incident.status-changed.v1";
    public static final String INCIDENT_PROBLEM_LINKED = "itsm.incident.problem-linked.v1";
    public static final String INCIDENT_REPRIORITISED = "itsm.incident.reprioritised.v1";
    public static final String INCIDENT_ASSIGNED = "itsm.incident.assigned.v1";
    public static final String INCIDENT_ESCALATED = "itsm.incident.escalated.v1";
    public static final String INCIDENT_SLA_THRESHOLD_REACHED = "itsm.incident.sla-threshold-reached.v1";
    public static final String INCIDENT_NOTE_ADDED = "itsm.incident.note-added.v1";
    public static final String MAJOR_INCIDENT_DECLARED = "itsm.incident.major-declared.v1";
    public static final String STAKEHOLDER_UPDATED = "itsm.incident.stakeholder-updated.v1";
    public static final String MAJOR_INCIDENT_REVIEWED = "itsm.incident.major-reviewed.v1";

    public static final String PROBLEM_RAISED = "itsm.problem.raised.v1";
    public static final String PROBLEM_INCIDENT_LINKED = "itsm.problem.incident-linked.v1";
    public static final String PROBLEM_STATUS_CHANGED = "itsm.problem.status-changed.v1";
    public static final String PROBLEM_RESOLVED = "itsm.problem.resolved.v1";
    public static final String PROBLEM_CLOSED = "itsm.problem.closed.v1";

    public static final String CHANGE_DRAFTED = "itsm.change.drafted.v1";
    public static final String CHANGE_STATUS_CHANGED = "itsm.change.status-changed.v1";
    public static final String CHANGE_IMPLEMENTED = "itsm.change.implemented.v1";
    public static final String CHANGE_CLOSED = "itsm.change.closed.v1";

    public static final String DIRECTORY_PERSON = "itsm.directory.person.v1";
    public static final String DIRECTORY_GROUP = "itsm.directory.group.v1";
    public static final String DIRECTORY_SERVICE = "itsm.directory.service.v1";
    public static final String DIRECTORY_ROLE = "itsm.directory.role.v1";
    public static final String DIRECTORY_ON_CALL = "itsm.directory.on-call.v1";

    /** A type's payload class and the topic it travels on. */
    public record Binding(String type, Class<?> payload, String topic) {
    }

    private static final Map<String, Binding> BINDINGS = new LinkedHashMap<>();

    static {
        bind(ALERT_SIGNALLED, AlertSignal.class, Topics.ALERTS);
        bind(INCIDENT_OPENED, IncidentOpened.class, Topics.INCIDENT_EVENTS);
        bind(INCIDENT_STATUS_CHANGED, IncidentStatusChanged.class, Topics.INCIDENT_EVENTS);
        bind(INCIDENT_PROBLEM_LINKED, IncidentProblemLinked.class, Topics.INCIDENT_EVENTS);
        bind(INCIDENT_REPRIORITISED, IncidentReprioritised.class, Topics.INCIDENT_EVENTS);
        bind(INCIDENT_ASSIGNED, IncidentAssigned.class, Topics.INCIDENT_EVENTS);
        bind(INCIDENT_ESCALATED, IncidentEscalated.class, Topics.INCIDENT_EVENTS);
        bind(INCIDENT_SLA_THRESHOLD_REACHED, IncidentSlaThresholdReached.class, Topics.INCIDENT_EVENTS);
        bind(INCIDENT_NOTE_ADDED, IncidentNoteAdded.class, Topics.INCIDENT_EVENTS);
        bind(MAJOR_INCIDENT_DECLARED, MajorIncidentDeclared.class, Topics.INCIDENT_EVENTS);
        bind(STAKEHOLDER_UPDATED, StakeholderUpdatePosted.class, Topics.INCIDENT_EVENTS);
        bind(MAJOR_INCIDENT_REVIEWED, MajorIncidentReviewed.class, Topics.INCIDENT_EVENTS);
        bind(PROBLEM_RAISED, ProblemRaised.class, Topics.PROBLEM_EVENTS);
        bind(PROBLEM_INCIDENT_LINKED, ProblemIncidentLinked.class, Topics.PROBLEM_EVENTS);
        bind(PROBLEM_STATUS_CHANGED, ProblemStatusChanged.class, Topics.PROBLEM_EVENTS);
        bind(PROBLEM_RESOLVED, ProblemResolved.class, Topics.PROBLEM_EVENTS);
        bind(PROBLEM_CLOSED, ProblemClosed.class, Topics.PROBLEM_EVENTS);
        bind(CHANGE_DRAFTED, ChangeDrafted.class, Topics.CHANGE_EVENTS);
        bind(CHANGE_STATUS_CHANGED, ChangeStatusChanged.class, Topics.CHANGE_EVENTS);
        bind(CHANGE_IMPLEMENTED, ChangeImplemented.class, Topics.CHANGE_EVENTS);
        bind(CHANGE_CLOSED, ChangeClosed.class, Topics.CHANGE_EVENTS);
        bind(DIRECTORY_PERSON, PersonChanged.class, Topics.DIRECTORY_EVENTS);
        bind(DIRECTORY_GROUP, GroupChanged.class, Topics.DIRECTORY_EVENTS);
        bind(DIRECTORY_SERVICE, ServiceChanged.class, Topics.DIRECTORY_EVENTS);
        bind(DIRECTORY_ROLE, RoleDefined.class, Topics.DIRECTORY_EVENTS);
        bind(DIRECTORY_ON_CALL, OnCallShiftChanged.class, Topics.DIRECTORY_EVENTS);
    }

    private EventTypes() {
    }

    private static void bind(String type, Class<?> payload, String topic) {
        BINDINGS.put(type, new Binding(type, payload, topic));
    }

    public static Optional<Binding> binding(String type) {
        return Optional.ofNullable(BINDINGS.get(type));
    }

    public static Map<String, Binding> all() {
        return Map.copyOf(BINDINGS);
    }

    /** The JSON Schema of a type, as a classpath resource of this module. */
    public static String schemaResource(String type) {
        return "schemas/" + type + ".schema.json";
    }
}
