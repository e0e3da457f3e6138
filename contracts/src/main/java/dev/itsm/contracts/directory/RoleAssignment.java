package dev.itsm.contracts.directory;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A role a person holds, for one service when {@code serviceCode} is set (e.g. Service Owner of payroll). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleAssignment(String role, String serviceCode) {
}
