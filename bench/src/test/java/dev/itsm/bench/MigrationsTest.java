package dev.itsm.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    @Test
    void scriptsRunInFlywayVersionOrderAcrossBothFolders() {
        List<Path> scripts = Migrations.of(Path.of("..").toAbsolutePath().normalize(), "incident-service");
        List<String> names = scripts.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names.get(0)).startsWith("V1_0_1__");
        assertThat(names).anyMatch(n -> n.startsWith("V2__"));
        for (int i = 1; i < scripts.size(); i++) {
            assertThat(Migrations.compareVersions(Migrations.version(scripts.get(i - 1)), Migrations.version(scripts.get(i))))
                    .isNegative();
        }
    }

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertThat(Migrations.compareVersions(new long[]{1, 0, 2}, new long[]{2})).isNegative();
        assertThat(Migrations.compareVersions(new long[]{10}, new long[]{9, 9})).isPositive();
        assertThat(Migrations.compareVersions(new long[]{2, 0}, new long[]{2})).isZero();
        assertThat(Migrations.version(Path.of("V1_0_10__x.sql"))).containsExactly(1, 0, 10);
    }
}
