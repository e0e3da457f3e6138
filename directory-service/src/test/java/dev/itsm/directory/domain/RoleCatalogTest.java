package dev.itsm.directory.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.itsm.contracts.EventCodec;
import dev.itsm.contracts.RoleCode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog and the role vocabulary of the contracts must describe the same roles. */
class RoleCatalogTest {

    private static List<CatalogRole> catalog() throws Exception {
        try (InputStream in = RoleCatalogTest.class.getResourceAsStream("/catalog/role-catalog.json")) {
            return EventCodec.defaultMapper().readValue(in, new TypeReference<>() { });
        }
    }

    @Test
    void everyRoleCodeHasACatalogEntryAndNothingElse() throws Exception {
        assertThat(catalog()).extracting(CatalogRole::code)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(RoleCode.values()).map(Enum::name).toList());
    }

    @Test
    void everyEntryHasResponsibilitiesAndTheKindOfItsCode() throws Exception {
        assertThat(catalog()).allSatisfy(role -> {
            assertThat(role.responsibilities()).isNotEmpty();
            assertThat(role.kind()).isEqualTo(RoleCode.valueOf(role.code()).kind().name());
            assertThat(role.name()).isEqualTo(RoleCode.valueOf(role.code()).displayName());
        });
    }

    @Test
    void theSeedRolesNameTheirSource() throws Exception {
        assertThat(catalog()).filteredOn(role -> role.code().equals("PROBLEM_MANAGER")).singleElement()
                .satisfies(role -> assertThat(role.sources()).contains("001_de6e9b84ccc30f2e.txt"));
    }
}
