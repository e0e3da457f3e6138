package dev.itsm.notification.domain;

import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who reads and manages what in notification-service (docs/access-policy.md). Every person reads and marks their own
 * inbox and its live stream, keeps their own preferences and webhook subscriptions, and may see who is told about
 * what. The delivery log of everyone is for those who run the service desk, IT operations and the directory;
 * re-sending dead-lettered deliveries and managing other people's webhooks is for IT operations and the directory
 * administrators. Integrations read nothing.
 */
public enum NotificationAccess {
    READ_INBOX, READ_ROUTES, MANAGE_PREFERENCES, MANAGE_WEBHOOKS, READ_DELIVERY_LOG, RESEND_DELIVERY, READ_AUDIT;

    public static final AccessPolicy<NotificationAccess> POLICY = AccessPolicy.builder(NotificationAccess.class)
            .allow(READ_INBOX, Scope.OWNER, RoleSets.PEOPLE)
            .allow(READ_ROUTES, Scope.ANY, RoleSets.PEOPLE)
            .allow(MANAGE_PREFERENCES, Scope.OWNER, RoleSets.PEOPLE)
            .allow(MANAGE_WEBHOOKS, Scope.ANY, IT_OPERATIONS_MANAGER, DIRECTORY_ADMIN)
            .allow(MANAGE_WEBHOOKS, Scope.OWNER, RoleSets.PEOPLE)
            .allow(READ_DELIVERY_LOG, Scope.ANY, SERVICE_DESK_MANAGER, INCIDENT_MANAGER, IT_OPERATIONS_MANAGER, DIRECTORY_ADMIN)
            .allow(RESEND_DELIVERY, Scope.ANY, IT_OPERATIONS_MANAGER, DIRECTORY_ADMIN)
            // Notifications are not audited records; the kit's audit endpoints exist here but answer no one.
            .none(READ_AUDIT)
            .build();
}
