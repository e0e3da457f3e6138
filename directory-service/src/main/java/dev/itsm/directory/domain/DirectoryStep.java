package dev.itsm.directory.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.RolePolicy;

import java.util.Map;

/** Changes to the directory; only directory administrators make them. */
public enum DirectoryStep {
    MANAGE_PEOPLE, MANAGE_GROUPS, MANAGE_SERVICES, MANAGE_ON_CALL;

    public static final RolePolicy<DirectoryStep> POLICY = RolePolicy.of(Map.of(
            MANAGE_PEOPLE, RolePolicy.roles(RoleCode.DIRECTORY_ADMIN),
            MANAGE_GROUPS, RolePolicy.roles(RoleCode.DIRECTORY_ADMIN),
            MANAGE_SERVICES, RolePolicy.roles(RoleCode.DIRECTORY_ADMIN),
            // Whoever runs a group's rota may change it, as in PagerDuty and Opsgenie.
            MANAGE_ON_CALL, RolePolicy.roles(RoleCode.DIRECTORY_ADMIN, RoleCode.SERVICE_DESK_MANAGER, RoleCode.INCIDENT_MANAGER)));
}
