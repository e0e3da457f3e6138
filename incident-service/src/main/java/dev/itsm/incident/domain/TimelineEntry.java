package dev.itsm.incident.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of an incident's timeline: a step, a field change (field, from, to), a note, an alert, an SLA threshold,
 * an escalation. Work notes and everything internal stay apart from what the reporter sees.
 */
public record TimelineEntry(UUID incidentId, Instant at, String actorId, Kind kind, Visibility visibility, String summary,
                            String field, String from, String to) {

    public enum Kind { OPENED, STATUS, FIELD, ASSIGNMENT, ESCALATION, WORK_NOTE, COMMENT, ALERT, SLA, CHANGE, MAJOR_INCIDENT,
        STAKEHOLDER_UPDATE, REVIEW }

    public enum Visibility {
        /** For the people working the incident. */
        INTERNAL,
        /** Also for the reporter: comments and status changes. */
        CUSTOMER
    }

    public static TimelineEntry internal(IncidentSnapshot i, Instant at, String actorId, Kind kind, String summary) {
        return new TimelineEntry(i.id(), at, actorId, kind, Visibility.INTERNAL, summary, null, null, null);
    }

    public static TimelineEntry customer(IncidentSnapshot i, Instant at, String actorId, Kind kind, String summary) {
        return new TimelineEntry(i.id(), at, actorId, kind, Visibility.CUSTOMER, summary, null, null, null);
    }

    public static TimelineEntry field(IncidentSnapshot i, Instant at, String actorId, String field, Object from, Object to,
                                      String summary) {
        return new TimelineEntry(i.id(), at, actorId, Kind.FIELD, Visibility.INTERNAL, summary, field, text(from), text(to));
    }

    public static TimelineEntry status(IncidentSnapshot before, IncidentSnapshot after, Instant at, String actorId, String summary) {
        return new TimelineEntry(after.id(), at, actorId, Kind.STATUS, Visibility.CUSTOMER, summary, "status",
                text(before == null ? null : before.status()), text(after.status()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
