package dev.itsm.incident.domain;

import java.util.List;

/** What a rule did to one incident: its new state, what the timeline records, and the events to publish. */
public record Change(IncidentSnapshot before, IncidentSnapshot after, List<TimelineEntry> timeline, List<DomainEvent> events) {

    public Change {
        timeline = List.copyOf(timeline);
        events = List.copyOf(events);
    }
}
