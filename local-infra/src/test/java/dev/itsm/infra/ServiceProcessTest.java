package dev.itsm.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceProcessTest {

    @Test
    void servicesRunWithTheJvmSettingsOfDeployBaseJvmEnv(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("deploy/base"));
        Files.writeString(root.resolve("deploy/base/jvm.env"), "# shared\nJAVA_TOOL_OPTIONS=\"-XX:+UseSerialGC -Xmx192m\"\n");
        Path jar = root.resolve("incident-service/target/quarkus-app/quarkus-run.jar");
        assertThat(ServiceProcess.jvmOptions(jar)).isEqualTo("-XX:+UseSerialGC -Xmx192m");
    }

    @Test
    void theRepositoryFileIsFoundFromAServiceJar() {
        Path jar = Path.of("..", "incident-service", "target", "quarkus-app", "quarkus-run.jar");
        assertThat(ServiceProcess.jvmOptions(jar)).contains("-Xmx");
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path root) {
        assertThatThrownBy(() -> ServiceProcess.jvmOptions(root.resolve("x/target/quarkus-app/quarkus-run.jar")))
                .hasMessageContaining("deploy/base/jvm.env");
    }
}
