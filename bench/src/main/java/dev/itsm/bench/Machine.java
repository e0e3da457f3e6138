package dev.itsm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The machine and the versions a result was measured with. */
final class Machine {
    private Machine() {
    }

    static Map<String, String> describe() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")));
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replaceAll("\\D+", "")) / 1024.0 / 1024.0))
                .orElse("unknown"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("load average at start", loadAverage());
        return machine;
    }

    static Map<String, String> versions(Path root) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("Java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        versions.put("Kafka", "broker " + brokerVersion() + ", clients " + org.apache.kafka.common.utils.AppInfoParser.getVersion());
        versions.put("Quarkus", quarkusVersion(root));
        return versions;
    }

    /** The 1-minute load average: other work on the machine shares the cores with the run. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String brokerVersion() {
        try (var in = Machine.class.getResourceAsStream("/dev/itsm/infra/broker/classpath.txt")) {
            if (in == null) {
                return "unknown";
            }
            Matcher m = Pattern.compile("kafka_2\\.13-([0-9][^/:]*?)\\.jar").matcher(new String(in.readAllBytes()));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String quarkusVersion(Path root) {
        Path lib = root.resolve("incident-service/target/quarkus-app/lib/main");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(j -> j.getFileName().toString()).filter(n -> n.startsWith("io.quarkus.quarkus-core-"))
                    .map(n -> n.substring("io.quarkus.quarkus-core-".length(), n.length() - ".jar".length())).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
