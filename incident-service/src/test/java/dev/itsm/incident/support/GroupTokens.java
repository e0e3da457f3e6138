package dev.itsm.incident.support;

import dev.itsm.infra.SuiteInfra;
import dev.itsm.infra.TestTokens;
import dev.itsm.kit.security.ScopedRole;
import dev.itsm.kit.testing.ProbeTokens;

import java.util.List;

/**
 * Tokens of support staff as the directory issues them: the role held through a group, so that the incidents
 * assigned to that group are within their reach.
 */
public final class GroupTokens {
    /** The group an incident lands in when the directory names no first line for its service. */
    public static final String SERVICE_DESK = "service-desk";

    private static final ProbeTokens TOKENS = new ProbeTokens(SuiteInfra.get().keys().loadPrivateKey(), TestTokens.ISSUER);

    private GroupTokens() {
    }

    public static String member(String personId, String role, String groupCode) {
        return TOKENS.person(personId, List.of(new ScopedRole(role, null, groupCode)));
    }
}
