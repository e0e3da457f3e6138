package dev.itsm.directory.domain;

import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who may do what in the directory (docs/access-policy.md, directory-service). Directory administrators maintain
 * it; whoever runs a group's rota changes the rota; staff read people, groups, services and rotas, but a person's
 * contact details (e-mail, channels, webhook) only the person and the administrators; people the processes serve
 * see the services and themselves; integrations read nothing.
 */
public enum DirectoryAccess {
    MANAGE_PEOPLE, MANAGE_GROUPS, MANAGE_SERVICES, MANAGE_ON_CALL, MANAGE_INTEGRATIONS, REVOKE_CREDENTIALS, SIGN_OUT,
    READ_SELF, READ_PEOPLE, READ_CONTACT_DETAILS, READ_GROUPS, READ_SERVICES, READ_ON_CALL, READ_INTEGRATIONS, READ_AUDIT;

    public static final AccessPolicy<DirectoryAccess> POLICY = AccessPolicy.builder(DirectoryAccess.class)
            .allow(MANAGE_PEOPLE, Scope.ANY, DIRECTORY_ADMIN)
            .allow(MANAGE_GROUPS, Scope.ANY, DIRECTORY_ADMIN)
            .allow(MANAGE_SERVICES, Scope.ANY, DIRECTORY_ADMIN)
            .allow(MANAGE_ON_CALL, Scope.ANY, DIRECTORY_ADMIN, SERVICE_DESK_MANAGER, INCIDENT_MANAGER)
            .allow(MANAGE_INTEGRATIONS, Scope.ANY, DIRECTORY_ADMIN)
            .allow(REVOKE_CREDENTIALS, Scope.ANY, DIRECTORY_ADMIN)
            .allow(SIGN_OUT, Scope.OWNER, RoleSets.PEOPLE)
            .allow(READ_SELF, Scope.OWNER, RoleSets.PEOPLE)
            .allow(READ_PEOPLE, Scope.ANY, RoleSets.STAFF)
            .allow(READ_PEOPLE, Scope.ANY, DIRECTORY_ADMIN)
            .allow(READ_PEOPLE, Scope.OWNER, USER, CUSTOMER, STAKEHOLDER, VENDOR_SUPPORT)
            .allow(READ_CONTACT_DETAILS, Scope.ANY, DIRECTORY_ADMIN)
            .allow(READ_CONTACT_DETAILS, Scope.OWNER, RoleSets.PEOPLE)
            .allow(READ_GROUPS, Scope.ANY, RoleSets.STAFF)
            .allow(READ_GROUPS, Scope.ANY, DIRECTORY_ADMIN)
            .allow(READ_SERVICES, Scope.ANY, RoleSets.PEOPLE)
            .allow(READ_ON_CALL, Scope.ANY, RoleSets.STAFF)
            .allow(READ_ON_CALL, Scope.ANY, DIRECTORY_ADMIN)
            .allow(READ_INTEGRATIONS, Scope.ANY, DIRECTORY_ADMIN)
            .allow(READ_AUDIT, Scope.ANY, DIRECTORY_ADMIN)
            .build();
}
