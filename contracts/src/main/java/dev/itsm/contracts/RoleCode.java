package dev.itsm.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every role the seed documents name, as the code carried in a token's {@code groups} claim.
 * The directory's role catalog holds each role's responsibilities; this enum is only the vocabulary.
 */
public enum RoleCode {
    // seed 001, individual roles
    BUSINESS_OWNER("Business Owner", RoleKind.INDIVIDUAL),
    CHANGE_MANAGER("Change Manager", RoleKind.INDIVIDUAL),
    CHANGE_OWNER("Change Owner", RoleKind.INDIVIDUAL),
    CHANGE_PROCESS_OWNER("Change Process Owner", RoleKind.INDIVIDUAL),
    CUSTOMER("Customer", RoleKind.INDIVIDUAL),
    DIRECTOR("Director+", RoleKind.INDIVIDUAL),
    IMPLEMENTATION_MANAGER("Implementation Manager", RoleKind.INDIVIDUAL),
    INCIDENT_MANAGER("Incident Manager", RoleKind.INDIVIDUAL),
    INCIDENT_OWNER("Incident Owner", RoleKind.INDIVIDUAL),
    INCIDENT_PROCESS_OWNER("Incident Process Owner", RoleKind.INDIVIDUAL),
    IT_COMMUNICATIONS("IT Communications", RoleKind.INDIVIDUAL),
    LEAD_TECHNICIAN("Lead Technician", RoleKind.INDIVIDUAL),
    LIAISON("Liaison", RoleKind.INDIVIDUAL),
    OUTAGE_COORDINATOR("Outage Coordinator", RoleKind.INDIVIDUAL),
    PROBLEM_MANAGER("Problem Manager", RoleKind.INDIVIDUAL),
    PROBLEM_OWNER("Problem Owner", RoleKind.INDIVIDUAL),
    PROBLEM_PROCESS_OWNER("Problem Process Owner", RoleKind.INDIVIDUAL),
    PROJECT_MANAGER("Project Manager", RoleKind.INDIVIDUAL),
    PROJECT_PORTFOLIO_MANAGER("Project Portfolio Manager", RoleKind.INDIVIDUAL),
    SCRIBE("Scribe", RoleKind.INDIVIDUAL),
    SERVICE_MANAGER("Service Manager", RoleKind.INDIVIDUAL),
    SERVICE_OWNER("Service Owner", RoleKind.INDIVIDUAL),
    SME("Subject Matter Expert", RoleKind.INDIVIDUAL),
    TECHNICIAN("Technician", RoleKind.INDIVIDUAL),
    USER("User", RoleKind.INDIVIDUAL),
    VENDOR_SUPPORT("Vendor Support", RoleKind.INDIVIDUAL),
    // seed 001, group roles
    ORGANIZATIONAL_LEADERSHIP("Organizational Leadership", RoleKind.GROUP),
    PROBLEM_RESOLUTION_TEAM("Problem Resolution Team", RoleKind.GROUP),
    SENIOR_LEADERSHIP("Senior Leadership", RoleKind.GROUP),
    SERVICE_DESK("Service Desk", RoleKind.GROUP),
    SERVICE_RESTORATION_TEAM("Service Restoration Team", RoleKind.GROUP),
    TIER_1("Tier 1", RoleKind.GROUP),
    TIER_2("Tier 2", RoleKind.GROUP),
    TIER_3("Tier 3", RoleKind.GROUP),
    // seed 002 (incident management)
    SERVICE_DESK_ANALYST("Service Desk Analyst", RoleKind.INDIVIDUAL),
    INCIDENT_ASSIGNEE("Incident Assignee", RoleKind.INDIVIDUAL),
    // seed 000 (problem management)
    PROCESS_OWNER("Process Owner", RoleKind.INDIVIDUAL),
    TECH_LEAD("Tech Lead", RoleKind.INDIVIDUAL),
    STAKEHOLDER("Stakeholder", RoleKind.INDIVIDUAL),
    // seed 003
    PROCESS_MANAGER("Process Manager", RoleKind.INDIVIDUAL),
    PROCESS_PRACTITIONER("Process Practitioner", RoleKind.INDIVIDUAL),
    SERVICE_DESK_MANAGER("Service Desk Manager", RoleKind.INDIVIDUAL),
    CONFIGURATION_MANAGER("Configuration Manager", RoleKind.INDIVIDUAL),
    RELEASE_MANAGER("Release Manager", RoleKind.INDIVIDUAL),
    IT_OPERATIONS_MANAGER("IT Operations Manager", RoleKind.INDIVIDUAL),
    SERVICE_LEVEL_MANAGER("Service Level Manager", RoleKind.INDIVIDUAL),
    CSI_MANAGER("Continual Service Improvement Manager", RoleKind.INDIVIDUAL),
    // seed 004
    IT_SERVICE_DELIVERY_MANAGER("IT Service Delivery Manager", RoleKind.INDIVIDUAL),
    IT_ASSET_MANAGER("IT Asset Manager", RoleKind.INDIVIDUAL),
    // Change Advisory Board (seeds 001 and 004): approves changes across the organisation.
    CAB("Change Advisory Board", RoleKind.GROUP),
    ECAB("Emergency Change Advisory Board", RoleKind.GROUP),
    // Running the product itself: maintains the directory; holds no process role.
    DIRECTORY_ADMIN("Directory Administrator", RoleKind.SYSTEM),
    // Scopes of integration credentials (monitoring tools, other systems).
    ALERT_SOURCE("Alert source integration", RoleKind.SYSTEM),
    INCIDENT_SOURCE("Incident source integration", RoleKind.SYSTEM);

    private final String displayName;
    private final RoleKind kind;

    RoleCode(String displayName, RoleKind kind) {
        this.displayName = displayName;
        this.kind = kind;
    }

    public String displayName() {
        return displayName;
    }

    public RoleKind kind() {
        return kind;
    }

    public static Optional<RoleCode> parse(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
