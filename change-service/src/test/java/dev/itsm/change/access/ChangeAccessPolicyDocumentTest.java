package dev.itsm.change.access;

import dev.itsm.change.domain.ChangeAccess;
import dev.itsm.kit.testing.PolicyDocument;
import org.junit.jupiter.api.Test;

/** docs/access-policy.md and the code grant the same: a rule changes in both or the build fails. */
class ChangeAccessPolicyDocumentTest {

    @Test
    void theWrittenPolicyIsTheCodesPolicy() {
        PolicyDocument.load().assertDescribes("change-service", ChangeAccess.POLICY);
    }
}
