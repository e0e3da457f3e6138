package dev.itsm.notification.access;

import dev.itsm.kit.testing.PolicyDocument;
import dev.itsm.notification.domain.NotificationAccess;
import org.junit.jupiter.api.Test;

/** docs/access-policy.md and the code grant the same: a rule changes in both or the build fails. */
class NotificationAccessPolicyDocumentTest {

    @Test
    void theWrittenPolicyIsTheCodesPolicy() {
        PolicyDocument.load().assertDescribes("notification-service", NotificationAccess.POLICY);
    }
}
