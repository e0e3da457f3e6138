package dev.itsm.deploy;

import dev.itsm.contracts.Topics;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the code says the deployment must provide, read from the repository's sources. */
final class SuiteSources {
    static final Path ROOT = locateRoot();
    static final Path KIT_CONFIG = ROOT.resolve("service-kit/src/main/resources/META-INF/microprofile-config.properties");

    private SuiteSources() {
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/overlays"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/overlays above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The services: every module with an application.properties that names a quarkus.application.name. */
    static List<Service> services() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(m -> m.resolve("src/main/resources/application.properties"))
                    .filter(Files::isRegularFile)
                    .map(SuiteSources::service)
                    .filter(s -> s.name() != null)
                    .sorted(java.util.Comparator.comparing(Service::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Service service(Path applicationProperties) {
        Properties kit = load(KIT_CONFIG);
        Properties app = load(applicationProperties);
        Map<String, String> merged = new LinkedHashMap<>();
        kit.stringPropertyNames().forEach(k -> merged.put(k, kit.getProperty(k)));
        app.stringPropertyNames().forEach(k -> merged.put(k, app.getProperty(k)));
        String name = merged.get("quarkus.application.name");
        boolean projection = !"false".equals(merged.get("itsm.directory.projection.enabled"));
        List<Channel> channels = new ArrayList<>();
        Pattern topicKey = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
        for (String key : new TreeSet<>(merged.keySet())) {
            Matcher m = topicKey.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String channel = m.group(1);
            // service-kit's directory consumer is built only where the projection is on.
            if (!projection && kit.containsKey(key) && !app.containsKey(key)) {
                continue;
            }
            String prefix = "mp.messaging.incoming." + channel + ".";
            // A channel's own setting, else the connector-wide one; service-kit parks dead letters on <topic>.dlq itself.
            String group = merged.getOrDefault(prefix + "group.id", merged.get("mp.messaging.connector.smallrye-kafka.group.id"));
            channels.add(new Channel(channel, merged.get(key), resolve(group, merged),
                    merged.getOrDefault(prefix + "dead-letter-queue.topic", Topics.deadLetter(merged.get(key)))));
        }
        Path module = applicationProperties.getParent().getParent().getParent().getParent();
        return new Service(name, module, merged, channels);
    }

    /** Expands ${a} and ${a:default} against the merged properties (KitConfig's defaults included). */
    static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.get(m.group(1));
            if (replacement == null && "itsm.consumer-group".equals(m.group(1))) {
                replacement = "${quarkus.application.name}"; // KitConfig.consumerGroup()'s default
            }
            if (replacement == null) {
                replacement = m.group(2) != null ? m.group(2) : m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(replacement, properties)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parent pom's version: what Jib tags the images with. */
    static String projectVersion() {
        Matcher m = Pattern.compile("<artifactId>itsm-core-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read(ROOT.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no version in the parent pom");
        }
        return m.group(1);
    }

    /**
     * Every configuration property the code declares: keys of the properties files, and the leaves of every
     * {@code @ConfigMapping} interface (prefix + kebab-cased method names, nested groups followed).
     */
    static Set<String> declaredProperties() {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).toList()) {
                keys.addAll(declaredProperties(main));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static Set<String> declaredProperties(Path sources) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(Files::isRegularFile)
                    .forEach(p -> {
                        String file = p.getFileName().toString();
                        if (file.equals("application.properties") || file.equals("microprofile-config.properties")) {
                            keys.addAll(load(p).stringPropertyNames());
                        } else if (file.endsWith(".java")) {
                            keys.addAll(configMappingLeaves(read(p)));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)\\s*public\\s+interface\\s+(\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("interface\\s+(\\w+)\\s*\\{");
    private static final Pattern METHOD = Pattern.compile("(?:@WithName\\(\"([^\"]+)\"\\)\\s*)?(?:@\\w+(?:\\([^)]*\\))?\\s*)*([\\w.<>]+)\\s+(\\w+)\\(\\)\\s*;");

    static Set<String> configMappingLeaves(String source) {
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            return Set.of();
        }
        // Methods per interface of the file, by brace depth; braces inside string literals do not count.
        String body = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher literal = Pattern.compile("\"[^\"]*\"").matcher(body);
        StringBuilder unbraced = new StringBuilder();
        while (literal.find()) {
            literal.appendReplacement(unbraced, Matcher.quoteReplacement(literal.group().replace('{', '_').replace('}', '_')));
        }
        literal.appendTail(unbraced);
        body = unbraced.toString();
        Map<Integer, String> interfaceAt = new HashMap<>();
        Matcher iface = INTERFACE.matcher(body);
        while (iface.find()) {
            interfaceAt.put(iface.end() - 1, iface.group(1));
        }
        Map<String, List<String[]>> methods = new HashMap<>();
        Deque<String> open = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        int depth = 0;
        StringBuilder statement = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (interfaceAt.containsKey(i)) {
                open.push(interfaceAt.get(i));
                depths.push(depth + 1);
            }
            if (c == '{') {
                depth++;
                statement.setLength(0);
            } else if (c == '}') {
                if (!depths.isEmpty() && depths.peek() == depth) {
                    depths.pop();
                    open.pop();
                }
                depth--;
                statement.setLength(0);
            } else {
                statement.append(c);
                if (c == ';' && !open.isEmpty() && depths.peek() == depth) {
                    Matcher m = METHOD.matcher(statement.toString().trim());
                    if (m.find()) {
                        methods.computeIfAbsent(open.peek(), k -> new ArrayList<>())
                                .add(new String[] {m.group(2), m.group(1) != null ? m.group(1) : kebab(m.group(3))});
                    }
                    statement.setLength(0);
                }
            }
        }
        Set<String> leaves = new LinkedHashSet<>();
        expand(mapping.group(1), mapping.group(2), methods, leaves);
        return leaves;
    }

    private static void expand(String prefix, String iface, Map<String, List<String[]>> methods, Set<String> leaves) {
        for (String[] method : methods.getOrDefault(iface, List.of())) {
            String type = method[0];
            String key = prefix + "." + method[1];
            if (methods.containsKey(type) && !type.equals(iface)) {
                expand(key, type, methods, leaves);
            } else {
                leaves.add(key);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** SmallRye's mapping of a property name to the environment variable that sets it. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    record Channel(String name, String topic, String group, String deadLetterTopic) {
    }

    record Service(String name, Path module, Map<String, String> properties, List<Channel> channels) {
        String property(String key) {
            return resolve(properties.get(key), properties);
        }
    }
}
