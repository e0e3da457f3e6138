package dev.itsm.incident.domain;

import dev.itsm.contracts.RoleCode;
import dev.itsm.contracts.incident.IncidentStatus;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.security.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.itsm.contracts.RoleCode.*;
import static dev.itsm.contracts.incident.IncidentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cell of (state, step, role, major or not): allowed with the state it leads to, refused for the role (403), or
 * refused in the state (409). The expected table is written out here from the seeds, independently of the code:
 * <ul>
 *   <li>001 Service Desk "maintain incident ownership"; 002 Service Desk Analyst "creating, classifying and updating
 *   Incident records", "ensuring that Incidents are assigned to the most appropriate group", "closing Incidents";</li>
 *   <li>001 Tier 1 "categorize, prioritize and escalate"; Tier 2/3 troubleshoot and resolve;</li>
 *   <li>002 Incident Assignee accepts (In Progress) or hands back to the Service Desk; 002 SME updates the record and
 *   elevates the incident to the next level;</li>
 *   <li>002 Incident Owner controls all activities; 001 Incident Manager coordinates support groups;</li>
 *   <li>004 Incident Manager: post-incident review; 001 Scribe takes notes during an outage; 001 IT Communications
 *   and Liaison communicate; 001 Outage Coordinator leads large outages and follows up;</li>
 *   <li>002 User provides information and may reopen through the desk.</li>
 * </ul>
 */
class IncidentStateMachineTest {
    private static final Set<RoleCode> SUPPORT = EnumSet.of(SERVICE_DESK, SERVICE_DESK_ANALYST, TIER_1, TIER_2, TIER_3, TECHNICIAN,
            SME, LEAD_TECHNICIAN, INCIDENT_ASSIGNEE, INCIDENT_OWNER, INCIDENT_MANAGER);
    private static final Set<RoleCode> DESK = EnumSet.of(SERVICE_DESK, SERVICE_DESK_ANALYST, SERVICE_DESK_MANAGER, INCIDENT_OWNER,
            INCIDENT_MANAGER);

    private static final Map<IncidentStep, Set<RoleCode>> ROLES = new EnumMap<>(IncidentStep.class);
    private static final Map<IncidentStep, Set<IncidentStatus>> FROM = new EnumMap<>(IncidentStep.class);
    /** Where the step leads; absent: the state stays. */
    private static final Map<IncidentStep, IncidentStatus> TO = new EnumMap<>(IncidentStep.class);

    static {
        Set<IncidentStatus> open = EnumSet.of(NEW, IN_PROGRESS, ON_HOLD);
        Set<IncidentStatus> notFinal = EnumSet.of(NEW, IN_PROGRESS, ON_HOLD, RESOLVED);
        expect(IncidentStep.ACCEPT, SUPPORT, EnumSet.of(NEW), IN_PROGRESS);
        expect(IncidentStep.HOLD, SUPPORT, EnumSet.of(IN_PROGRESS), ON_HOLD);
        expect(IncidentStep.RESUME, SUPPORT, EnumSet.of(ON_HOLD), IN_PROGRESS);
        expect(IncidentStep.RESOLVE, SUPPORT, open, RESOLVED);
        expect(IncidentStep.HAND_BACK, SUPPORT, EnumSet.of(NEW, IN_PROGRESS), NEW);
        expect(IncidentStep.ESCALATE, SUPPORT, EnumSet.of(NEW, IN_PROGRESS), NEW);
        expect(IncidentStep.CLOSE, DESK, EnumSet.of(RESOLVED), CLOSED);
        expect(IncidentStep.CANCEL, DESK, open, CANCELED);
        expect(IncidentStep.REOPEN, DESK, EnumSet.of(RESOLVED), IN_PROGRESS);
        expect(IncidentStep.CLASSIFY, plus(DESK, TIER_1), open, null);
        expect(IncidentStep.UPDATE, plus(SUPPORT, SERVICE_DESK_MANAGER), open, null);
        expect(IncidentStep.ASSIGN, DESK, EnumSet.of(NEW, IN_PROGRESS), null);
        expect(IncidentStep.WORK_NOTE, plus(SUPPORT, SERVICE_DESK_MANAGER, SCRIBE, OUTAGE_COORDINATOR), notFinal, null);
        expect(IncidentStep.COMMENT, plus(SUPPORT, SERVICE_DESK_MANAGER, USER, CUSTOMER), notFinal, null);
        expect(IncidentStep.DECLARE_MAJOR, EnumSet.of(INCIDENT_MANAGER), open, null);
        expect(IncidentStep.STAKEHOLDER_UPDATE, EnumSet.of(IT_COMMUNICATIONS, LIAISON, INCIDENT_MANAGER), notFinal, null);
        expect(IncidentStep.REVIEW, EnumSet.of(INCIDENT_MANAGER, OUTAGE_COORDINATOR), EnumSet.of(RESOLVED), CLOSED);
    }

    private static void expect(IncidentStep step, Set<RoleCode> roles, Set<IncidentStatus> from, IncidentStatus to) {
        ROLES.put(step, roles);
        FROM.put(step, from);
        if (to != null) {
            TO.put(step, to);
        }
    }

    private static Set<RoleCode> plus(Set<RoleCode> base, RoleCode... more) {
        EnumSet<RoleCode> all = EnumSet.copyOf(base);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /** Whether the state allows the step on a major (or ordinary) incident. */
    private static boolean stateAllows(IncidentStatus status, IncidentStep step, boolean major) {
        if (!FROM.get(step).contains(status)) {
            return false;
        }
        return switch (step) {
            case STAKEHOLDER_UPDATE, REVIEW -> major;
            case DECLARE_MAJOR -> !major;
            default -> true;
        };
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (IncidentStatus status : IncidentStatus.values()) {
            for (IncidentStep step : IncidentStep.values()) {
                if (step != IncidentStep.CREATE) {
                    cells.add(Arguments.of(status, step));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{1} on a {0} incident")
    @MethodSource("cells")
    void everyRoleIsAllowedOrRefusedAsTheSeedsSay(IncidentStatus status, IncidentStep step) {
        List<String> wrong = new ArrayList<>();
        for (boolean major : new boolean[]{false, true}) {
            for (RoleCode role : RoleCode.values()) {
                Actor actor = new Actor("someone", Set.of(role.name()));
                int expected = !ROLES.get(step).contains(role) ? 403 : !stateAllows(status, step, major) ? 409 : 200;
                int actual;
                IncidentStatus next = null;
                try {
                    next = StepGate.pass(actor, status, major, step);
                    actual = 200;
                } catch (ApiProblem problem) {
                    actual = problem.status();
                }
                if (actual != expected) {
                    wrong.add(role + (major ? " (major)" : "") + ": expected " + expected + ", got " + actual);
                } else if (actual == 200 && next != TO.getOrDefault(step, status)) {
                    wrong.add(role + (major ? " (major)" : "") + ": leads to " + next + ", expected " + TO.getOrDefault(step, status));
                }
            }
        }
        assertThat(wrong).as(step + " on " + status).isEmpty();
    }

    @Test
    void everyStepIsInTheTableAndEveryoneMayReport() {
        assertThat(ROLES.keySet()).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(IncidentStep.CREATE)));
        for (RoleCode role : RoleCode.values()) {
            assertThat(IncidentPolicy.POLICY.permits(new Actor("someone", Set.of(role.name())), IncidentStep.CREATE)).as(role.name())
                    .isTrue();
        }
    }

    @Test
    void aRefusalNamesWhatIsAllowed() {
        try {
            StepGate.pass(new Actor("sam", Set.of("SERVICE_DESK")), NEW, false, IncidentStep.CLOSE);
        } catch (ApiProblem problem) {
            assertThat(problem.status()).isEqualTo(409);
            assertThat(problem.properties().get("allowedSteps")).asList().contains("accept", "assign", "classify", "resolve");
            return;
        }
        throw new AssertionError("closing a new incident must be refused");
    }

    @Test
    void majorOnlyStepsAreRefusedOnAnOrdinaryIncidentAndDeclaringTwiceIsRefused() {
        Actor manager = new Actor("ivan", Set.of("INCIDENT_MANAGER"));
        try {
            StepGate.pass(manager, RESOLVED, false, IncidentStep.REVIEW);
            throw new AssertionError("no review without a major incident");
        } catch (ApiProblem problem) {
            assertThat(problem.status()).isEqualTo(409);
            assertThat(problem.getMessage()).contains("major incident");
        }
        try {
            StepGate.pass(manager, IN_PROGRESS, true, IncidentStep.DECLARE_MAJOR);
            throw new AssertionError("no second declaration");
        } catch (ApiProblem problem) {
            assertThat(problem.getMessage()).contains("already a major incident");
        }
    }
}
