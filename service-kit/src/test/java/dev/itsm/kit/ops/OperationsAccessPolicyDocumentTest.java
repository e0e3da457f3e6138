package dev.itsm.kit.ops;

import dev.itsm.kit.testing.PolicyDocument;
import org.junit.jupiter.api.Test;

/** The operations endpoints every service has grant what docs/access-policy.md says. */
class OperationsAccessPolicyDocumentTest {

    @Test
    void theWrittenPolicyIsTheCodesPolicy() {
        PolicyDocument.load().assertDescribes(PolicyDocument.EVERY_SERVICE, OperationsResource.POLICY);
    }
}
