package dev.itsm.contracts.incident;

import java.time.LocalDate;

/** A follow-up action of a post-incident review, with the person who owns it. */
public record ReviewAction(String description, String ownerId, LocalDate dueDate) {
}
