package dev.itsm.change.domain;

import dev.itsm.kit.security.AccessPolicy;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.security.Scope;

import static dev.itsm.contracts.RoleCode.*;

/**
 * Who may do what with changes (seeds 001 and 004; docs/access-policy.md, change-service). The Change Manager runs
 * the flow: assesses, assigns owner and implementer, schedules and reviews. The Change Owner takes their own changes
 * through it; a Service Owner raises and submits changes of their services. The CAB (ECAB for emergencies) and a
 * Change Manager decide, and the service's Business Owner too on high risk ({@link ApprovalRules}). The owner or the
 * assigned implementer implements. The Change Process Owner keeps the catalogue of pre-approved standard changes.
 * The change schedule, freeze windows and templates are published to all staff.
 */
public enum ChangeAccess {
    CREATE, ASSIGN, SUBMIT, ASSESS, APPROVE, REJECT, SCHEDULE, IMPLEMENT, COMPLETE, CLOSE, CANCEL,
    READ, READ_FREEZE_WINDOWS, MANAGE_FREEZE_WINDOWS, READ_TEMPLATES, MANAGE_TEMPLATES, READ_AUDIT;

    public static final AccessPolicy<ChangeAccess> POLICY = AccessPolicy.builder(ChangeAccess.class)
            .allow(CREATE, Scope.ANY, CHANGE_MANAGER, CHANGE_OWNER, PROBLEM_MANAGER, SERVICE_OWNER)
            .allow(ASSIGN, Scope.ANY, CHANGE_MANAGER)
            .allow(SUBMIT, Scope.ANY, CHANGE_MANAGER)
            .allow(SUBMIT, Scope.OWNER, CHANGE_OWNER, SERVICE_OWNER)
            .allow(ASSESS, Scope.ANY, CHANGE_MANAGER)
            .allow(APPROVE, Scope.ANY, CAB, ECAB, CHANGE_MANAGER, BUSINESS_OWNER)
            .allow(REJECT, Scope.ANY, CAB, ECAB, CHANGE_MANAGER, BUSINESS_OWNER)
            .allow(SCHEDULE, Scope.ANY, CHANGE_MANAGER)
            .allow(SCHEDULE, Scope.OWNER, IMPLEMENTATION_MANAGER)
            .allow(SCHEDULE, Scope.ASSIGNEE, IMPLEMENTATION_MANAGER)
            .allow(IMPLEMENT, Scope.OWNER, CHANGE_OWNER, IMPLEMENTATION_MANAGER)
            .allow(IMPLEMENT, Scope.ASSIGNEE, CHANGE_OWNER, IMPLEMENTATION_MANAGER, TECHNICIAN, LEAD_TECHNICIAN)
            .allow(COMPLETE, Scope.OWNER, CHANGE_OWNER, IMPLEMENTATION_MANAGER)
            .allow(COMPLETE, Scope.ASSIGNEE, CHANGE_OWNER, IMPLEMENTATION_MANAGER, TECHNICIAN, LEAD_TECHNICIAN)
            .allow(CLOSE, Scope.ANY, CHANGE_MANAGER)
            .allow(CANCEL, Scope.ANY, CHANGE_MANAGER)
            .allow(CANCEL, Scope.OWNER, CHANGE_OWNER, SERVICE_OWNER)
            .allow(CANCEL, Scope.REQUESTER, CHANGE_OWNER, SERVICE_OWNER, PROBLEM_MANAGER)
            .allow(READ, Scope.ANY, RoleSets.STAFF)
            .allow(READ_FREEZE_WINDOWS, Scope.ANY, RoleSets.STAFF)
            .allow(MANAGE_FREEZE_WINDOWS, Scope.ANY, CHANGE_MANAGER)
            .allow(READ_TEMPLATES, Scope.ANY, RoleSets.STAFF)
            .allow(MANAGE_TEMPLATES, Scope.ANY, CHANGE_PROCESS_OWNER)
            .allow(READ_AUDIT, Scope.ANY, CHANGE_MANAGER, CHANGE_PROCESS_OWNER)
            .build();
}
