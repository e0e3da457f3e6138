package dev.itsm.notification.domain;

import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who reads what in notification-service (docs/access-policy.md). Every person reads and marks their own inbox and
 * its live stream, and may see who is told about what; the delivery log of everyone is for those who run the service
 * desk and the directory; integrations read nothing.
 */
public enum NotificationAccess {
    READ_INBOX, READ_ROUTES, READ_DELIVERY_LOG, READ_AUDIT;

    public static final AccessPolicy<NotificationAccess> POLICY = AccessPolicy.builder(NotificationAccess.class)
            .allow(READ_INBOX, Scope.OWNER, RoleSets.PEOPLE)
            .allow(READ_ROUTES, Scope.ANY, RoleSets.PEOPLE)
            .allow(READ_DELIVERY_LOG, Scope.ANY, SERVICE_DESK_MANAGER, INCIDENT_MANAGER, DIRECTORY_ADMIN)
            // Notifications are not audited records; the kit's audit endpoints exist here but answer no one.
            .none(READ_AUDIT)
            .build();
}
