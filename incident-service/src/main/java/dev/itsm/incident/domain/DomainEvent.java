package dev.itsm.incident.domain;

/** An event a rule decided to publish: its type, its subject (the incident id) and its payload record. */
public record DomainEvent(String type, String subject, Object payload) {
}
