package dev.itsm.notification.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.kit.security.RolePolicy;

import java.util.Map;

/** Anyone reads their own inbox; the delivery log of everyone is for those who run the service desk. */
public enum NotificationAccess {
    READ_DELIVERY_LOG;

    public static final RolePolicy<NotificationAccess> POLICY = RolePolicy.of(Map.of(
            READ_DELIVERY_LOG, RolePolicy.roles(RoleCode.SERVICE_DESK_MANAGER, RoleCode.INCIDENT_MANAGER, RoleCode.DIRECTORY_ADMIN)));
}
