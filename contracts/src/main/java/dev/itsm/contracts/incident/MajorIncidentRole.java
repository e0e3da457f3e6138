package dev.itsm.contracts.incident;

/** A seed role on a major incident and the person who fills it. @param role a role code, e.g. SCRIBE */
public record MajorIncidentRole(String role, String personId) {
}
