package dev.itsm.problem.access;

import dev.itsm.kit.testing.PolicyDocument;
import dev.itsm.problem.domain.ProblemAccess;
import org.junit.jupiter.api.Test;

/** docs/access-policy.md and the code grant the same: a rule changes in both or the build fails. */
class ProblemAccessPolicyDocumentTest {

    @Test
    void theWrittenPolicyIsTheCodesPolicy() {
        PolicyDocument.load().assertDescribes("problem-service", ProblemAccess.POLICY);
    }
}
