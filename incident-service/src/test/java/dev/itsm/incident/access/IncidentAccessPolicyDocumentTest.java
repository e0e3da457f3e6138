package dev.itsm.incident.access;

import dev.itsm.incident.domain.IncidentAccess;
import dev.itsm.kit.testing.PolicyDocument;
import org.junit.jupiter.api.Test;

/** docs/access-policy.md and the code grant the same: a rule changes in both or the build fails. */
class IncidentAccessPolicyDocumentTest {

    @Test
    void theWrittenPolicyIsTheCodesPolicy() {
        PolicyDocument.load().assertDescribes("incident-service", IncidentAccess.POLICY);
    }
}
