package dev.itsm.notification.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.RolePolicy;

import java.util.Map;

/**
 * Anyone reads their own inbox and manages their own webhooks and preferences. The delivery log of everyone is
 * for those who run the service desk and IT operations; re-sending dead-lettered deliveries and managing other
 * people's webhooks is for IT operations and the administrators.
 */
public enum NotificationAccess {
    READ_DELIVERY_LOG, RESEND_DELIVERY, MANAGE_ANY_WEBHOOK;

    public static final RolePolicy<NotificationAccess> POLICY = RolePolicy.of(Map.of(
            READ_DELIVERY_LOG, RolePolicy.roles(RoleCode.SERVICE_DESK_MANAGER, RoleCode.INCIDENT_MANAGER,
                    RoleCode.IT_OPERATIONS_MANAGER, RoleCode.DIRECTORY_ADMIN),
            RESEND_DELIVERY, RolePolicy.roles(RoleCode.IT_OPERATIONS_MANAGER, RoleCode.DIRECTORY_ADMIN),
            MANAGE_ANY_WEBHOOK, RolePolicy.roles(RoleCode.IT_OPERATIONS_MANAGER, RoleCode.DIRECTORY_ADMIN)));
}
