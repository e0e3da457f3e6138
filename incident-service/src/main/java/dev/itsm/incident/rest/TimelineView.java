package dev.itsm.incident.rest;

import dev.itsm.incident.domain.TimelineEntry;
import dev.itsm.incident.repository.TimelineRows;

import java.time.Instant;

/** One line of an incident's timeline; {@code field}, {@code from} and {@code to} are set for field changes. */
public record TimelineView(long id, Instant at, String actorId, TimelineEntry.Kind kind, TimelineEntry.Visibility visibility,
                           String summary, String field, String from, String to) {

    static TimelineView of(TimelineRows.Line line) {
        TimelineEntry e = line.entry();
        return new TimelineView(line.id(), e.at(), e.actorId(), e.kind(), e.visibility(), e.summary(), e.field(), e.from(), e.to());
    }
}
