package dev.itsm.directory.access;

import dev.itsm.directory.domain.DirectoryAccess;
import dev.itsm.kit.security.RoleSets;
import dev.itsm.kit.testing.PolicyDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/access-policy.md and the code grant the same: a rule changes in both or the build fails. */
class DirectoryAccessPolicyDocumentTest {
    private final PolicyDocument document = PolicyDocument.load();

    @Test
    void theWrittenPolicyIsTheCodesPolicy() {
        document.assertDescribes("directory-service", DirectoryAccess.POLICY);
    }

    @Test
    void theRoleSetsAreWrittenOutMemberByMember() {
        assertThat(document.roleSet("PEOPLE")).isEqualTo(RoleSets.PEOPLE);
        assertThat(document.roleSet("STAFF")).isEqualTo(RoleSets.STAFF);
        assertThat(document.roleSet("INTEGRATIONS")).isEqualTo(RoleSets.INTEGRATIONS);
    }
}
