package dev.itsm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itsm.contracts.Topics;
import dev.itsm.deploy.SuiteSources.Channel;
import dev.itsm.deploy.SuiteSources.Service;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders every overlay under deploy/overlays with kubectl and checks what an operator would apply: each object
 * against the schema of its API, and the whole against the code.
 */
class DeployManifestsTest {
    /** Metaspace, code cache, threads and buffers of a service JVM, measured at ~150 MiB; the heap must leave this. */
    static final long NON_HEAP_MIB = 160;
    static final Set<String> HEALTH_PATHS = Set.of("/q/health/started", "/q/health/live", "/q/health/ready");
    /** Settings the code reads that every deployment must set (the rest have defaults that fit a cluster). */
    static final List<String> REQUIRED_ENV = List.of("ITSM_KAFKA_BOOTSTRAP", "ITSM_DB_HOST", "ITSM_DB_PORT", "ITSM_DB_NAME",
            "ITSM_DB_USER", "ITSM_DB_PASSWORD", "ITSM_JWT_PUBLIC_KEY", "QUARKUS_HTTP_PORT", "JAVA_TOOL_OPTIONS");
    static final List<String> KAFKA_CLIENT_ENV = List.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
            "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION");
    /** Agreed names of directory-service's first-start settings (production has no demo organisation). */
    static final List<String> DIRECTORY_BOOTSTRAP_ENV = List.of("ITSM_DIRECTORY_BOOTSTRAP_ADMIN_USERNAME",
            "ITSM_DIRECTORY_BOOTSTRAP_ADMIN_PASSWORD", "ITSM_DIRECTORY_BOOTSTRAP_CLIENTS");
    static final List<String> MAILER_ENV = List.of("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_PORT", "QUARKUS_MAILER_USERNAME",
            "QUARKUS_MAILER_PASSWORD", "QUARKUS_MAILER_START_TLS");
    static final List<String> ALERT_METRICS = List.of("itsm_consumer_poison_total", "itsm_dead_letter_total",
            "itsm_outbox_parked", "itsm_incident_sla_breached_total", "kafka_consumergroup_lag");

    static final List<Service> SERVICES = SuiteSources.services();
    static final ApiSchemas SCHEMAS = new ApiSchemas();

    @TestFactory
    Stream<DynamicNode> everyOverlay() throws IOException {
        try (Stream<Path> overlays = Files.list(SuiteSources.ROOT.resolve("deploy/overlays"))) {
            List<Path> dirs = overlays.filter(Files::isDirectory).sorted().toList();
            assertThat(dirs).extracting(p -> p.getFileName().toString()).contains("local", "production");
            return dirs.stream().map(dir -> {
                RenderedOverlay overlay = RenderedOverlay.render(dir);
                return DynamicContainer.dynamicContainer(overlay.name, Stream.of(
                        test("every object matches the schema of its API", () -> schemas(overlay)),
                        test("one namespace, restricted Pod Security, everything in it", () -> namespace(overlay)),
                        test("every topic exists with its settings, no auto-creation", () -> topics(overlay)),
                        test("every channel's topic, dead-letter topic and consumer group is deployed", () -> channels(overlay)),
                        test("KEDA triggers reach Kafka from KEDA's namespace and match the consumers", () -> triggers(overlay)),
                        test("maximum replicas never exceed partitions", () -> partitions(overlay)),
                        test("each service writes only its own topics", () -> acls(overlay)),
                        test("every database, owner role and password Secret exists", () -> databases(overlay)),
                        test("every setting the services read is set", () -> environment(overlay)),
                        test("connections at maximum replicas fit max_connections", () -> connectionBudget(overlay)),
                        test("images are the ones the build produces", () -> images(overlay)),
                        test("probes, limits, security context, graceful shutdown, JVM heap", () -> pods(overlay)),
                        test("network policies: default deny, and what each service must reach", () -> networkPolicies(overlay)),
                        test("disruption budgets let a node drain at one replica", () -> disruptionBudgets(overlay)),
                        test("monitors and alerts, where Prometheus Operator resources are deployed", () -> monitoring(overlay))));
            }).map(DynamicNode.class::cast).toList().stream();
        }
    }

    private static DynamicTest test(String name, Executable check) {
        return DynamicTest.dynamicTest(name, check);
    }

    // ---- schemas and namespace ----

    void schemas(RenderedOverlay overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : overlay.objects) {
            Optional<List<String>> result = SCHEMAS.validate(object);
            if (result.isEmpty()) {
                problems.add(RenderedOverlay.describe(object) + ": no schema for " + object.path("apiVersion").asText()
                        + " " + object.path("kind").asText() + " (add it under src/test/resources/schemas)");
            } else {
                result.get().forEach(m -> problems.add(RenderedOverlay.describe(object) + ": " + m));
            }
        }
        assertThat(problems).as(overlay + ": schema violations").isEmpty();
    }

    void namespace(RenderedOverlay overlay) {
        List<ObjectNode> namespaces = overlay.all("Namespace").toList();
        assertThat(namespaces).as(overlay + ": Namespace objects").hasSize(1);
        JsonNode labels = namespaces.get(0).path("metadata").path("labels");
        assertThat(labels.path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
        String ns = RenderedOverlay.name(namespaces.get(0));
        for (ObjectNode object : overlay.objects) {
            if (!object.path("kind").asText().equals("Namespace")) {
                assertThat(object.path("metadata").path("namespace").asText())
                        .as(RenderedOverlay.describe(object) + " namespace").isEqualTo(ns);
            }
        }
    }

    static String namespaceOf(RenderedOverlay overlay) {
        return RenderedOverlay.name(overlay.all("Namespace").findFirst().orElseThrow());
    }

    // ---- Kafka ----

    static Map<String, ObjectNode> kafkaTopics(RenderedOverlay overlay) {
        Map<String, ObjectNode> topics = new LinkedHashMap<>();
        overlay.all("KafkaTopic").forEach(t -> {
            String name = t.path("spec").path("topicName").asText(RenderedOverlay.name(t));
            topics.put(name.isEmpty() ? RenderedOverlay.name(t) : name, t);
        });
        return topics;
    }

    static ObjectNode kafka(RenderedOverlay overlay) {
        List<ObjectNode> clusters = overlay.all("Kafka").toList();
        assertThat(clusters).as(overlay + ": Strimzi Kafka clusters").hasSize(1);
        return clusters.get(0);
    }

    static int brokers(RenderedOverlay overlay) {
        return overlay.all("KafkaNodePool").filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
    }

    void topics(RenderedOverlay overlay) {
        ObjectNode kafka = kafka(overlay);
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        assertThat(config.path("auto.create.topics.enable").asText()).as("auto.create.topics.enable").isEqualTo("false");
        assertThat(overlay.all("KafkaNodePool")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                        .isEqualTo(RenderedOverlay.name(kafka)));
        Map<String, ObjectNode> topics = kafkaTopics(overlay);
        int copies = Math.min(3, brokers(overlay));
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                ObjectNode t = topics.get(name);
                assertThat(t).as(overlay + ": KafkaTopic " + name).isNotNull();
                JsonNode spec = t.path("spec");
                assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(RenderedOverlay.name(kafka));
                assertThat(spec.path("replicas").asInt()).as(name + " replicas").isEqualTo(copies);
                assertThat(spec.path("config").path("min.insync.replicas").asInt()).as(name + " min.insync.replicas")
                        .isEqualTo(copies >= 3 ? copies - 1 : 1);
            }
        }
        assertThat(topics.get(Topics.DIRECTORY_EVENTS).path("spec").path("config").path("cleanup.policy").asText())
                .as("the directory topic is compacted").isEqualTo("compact");
        assertThat(topics.keySet()).as("topics nobody uses").allMatch(t -> Topics.ALL.contains(t)
                || Topics.ALL.stream().anyMatch(a -> Topics.deadLetter(a).equals(t)));
    }

    void channels(RenderedOverlay overlay) {
        Map<String, ObjectNode> topics = kafkaTopics(overlay);
        for (Service service : SERVICES) {
            overlay.get("Deployment", service.name());
            for (Channel channel : service.channels()) {
                assertThat(topics).as(service.name() + " channel " + channel.name() + " topic").containsKey(channel.topic());
                assertThat(channel.group()).as(service.name() + " channel " + channel.name() + " group").isEqualTo(service.name());
                assertThat(channel.deadLetterTopic()).as(service.name() + " channel " + channel.name() + " dead-letter topic")
                        .isEqualTo(Topics.deadLetter(channel.topic()));
                assertThat(topics).containsKey(channel.deadLetterTopic());
            }
        }
    }

    /** host:port of the Kafka bootstrap Service and of each listener of the rendered cluster. */
    static Map<Integer, JsonNode> listeners(RenderedOverlay overlay) {
        Map<Integer, JsonNode> listeners = new HashMap<>();
        kafka(overlay).path("spec").path("kafka").path("listeners").forEach(l -> listeners.put(l.path("port").asInt(), l));
        return listeners;
    }

    void triggers(RenderedOverlay overlay) {
        List<ObjectNode> scaledObjects = overlay.all("ScaledObject").toList();
        if (scaledObjects.isEmpty()) {
            return; // fixed replicas in this overlay
        }
        String ns = namespaceOf(overlay);
        String bootstrap = configValue(overlay, overlay.get("Deployment", SERVICES.get(0).name()), "ITSM_KAFKA_BOOTSTRAP").orElseThrow();
        String expectedHost = RenderedOverlay.name(kafka(overlay)) + "-kafka-bootstrap." + ns + ".svc";
        for (Service service : SERVICES) {
            Optional<ObjectNode> scaled = overlay.find("ScaledObject", service.name());
            if (service.channels().isEmpty()) {
                assertThat(scaled).as(service.name() + " consumes nothing and scales on CPU").isEmpty();
                assertThat(overlay.find("HorizontalPodAutoscaler", service.name())).as(service.name() + " HPA").isPresent();
                continue;
            }
            ObjectNode so = scaled.orElseThrow(() -> new AssertionError(service.name() + " has no ScaledObject"));
            assertThat(so.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(service.name());
            JsonNode fallback = so.path("spec").path("fallback");
            assertThat(fallback.path("replicas").asInt()).as(service.name() + " fallback replicas").isPositive();
            Set<String> triggered = new TreeSet<>();
            for (JsonNode trigger : so.path("spec").path("triggers")) {
                JsonNode md = trigger.path("metadata");
                assertThat(trigger.path("type").asText()).isEqualTo("kafka");
                String servers = md.path("bootstrapServers").asText();
                assertThat(servers).as(service.name() + " trigger bootstrapServers").isEqualTo(bootstrap)
                        .startsWith(expectedHost + ":");
                assertThat(md.has("bootstrapServersFromEnv")).as("a workload's env is not resolvable from KEDA").isFalse();
                assertThat(md.path("consumerGroup").asText()).isEqualTo(service.name());
                JsonNode listener = listeners(overlay).get(Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1)));
                assertThat(listener).as(service.name() + " trigger port is a listener of the cluster").isNotNull();
                if (listener.path("tls").asBoolean()) {
                    assertThat(md.path("tls").asText()).isEqualTo("enable");
                }
                if (listener.has("authentication")) {
                    assertThat(md.path("sasl").asText()).isEqualTo("scram_sha512");
                    String auth = trigger.path("authenticationRef").path("name").asText();
                    ObjectNode ta = overlay.get("TriggerAuthentication", auth);
                    assertThat(ta.toString()).contains("\"password\"", "\"username\"", "\"ca\"");
                }
                triggered.add(md.path("topic").asText());
            }
            assertThat(triggered).as(service.name() + " triggers = consumed topics")
                    .isEqualTo(new TreeSet<>(service.channels().stream().map(Channel::topic).toList()));
        }
    }

    void partitions(RenderedOverlay overlay) {
        Map<String, ObjectNode> topics = kafkaTopics(overlay);
        for (Service service : SERVICES) {
            if (service.channels().isEmpty()) {
                continue;
            }
            int max = maxReplicas(overlay, service.name());
            for (Channel channel : service.channels()) {
                int partitions = topics.get(channel.topic()).path("spec").path("partitions").asInt();
                assertThat(max).as(service.name() + " max replicas <= partitions of " + channel.topic()).isLessThanOrEqualTo(partitions);
            }
        }
    }

    static int maxReplicas(RenderedOverlay overlay, String service) {
        Optional<ObjectNode> so = overlay.find("ScaledObject", service);
        if (so.isPresent()) {
            return so.get().path("spec").path("maxReplicaCount").asInt(100);
        }
        Optional<ObjectNode> hpa = overlay.find("HorizontalPodAutoscaler", service);
        if (hpa.isPresent()) {
            return hpa.get().path("spec").path("maxReplicas").asInt();
        }
        return overlay.get("Deployment", service).path("spec").path("replicas").asInt(1);
    }

    /** The topic a service publishes its own events on: itsm.<x>-events.v1 belongs to <x>-service. */
    static Optional<String> ownTopic(String service) {
        String topic = "itsm." + service.replace("-service", "-events") + ".v1";
        return Topics.ALL.contains(topic) ? Optional.of(topic) : Optional.empty();
    }

    void acls(RenderedOverlay overlay) {
        List<ObjectNode> users = overlay.all("KafkaUser").toList();
        boolean authenticated = listeners(overlay).values().stream().allMatch(l -> l.has("authentication"));
        if (users.isEmpty()) {
            assertThat(kafka(overlay).path("spec").path("kafka").has("authorization")).as("authorization without users").isFalse();
            return;
        }
        assertThat(authenticated).as(overlay + ": every listener authenticates when ACLs are used").isTrue();
        assertThat(kafka(overlay).path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        Map<String, List<String>> writers = new HashMap<>();
        for (ObjectNode user : users) {
            String name = RenderedOverlay.name(user);
            assertThat(user.path("spec").path("authentication").path("type").asText()).as(name).isEqualTo("scram-sha-512");
            Optional<Service> service = SERVICES.stream().filter(s -> s.name().equals(name)).findFirst();
            Set<String> consumed = new TreeSet<>(service.map(s -> s.channels().stream().map(Channel::topic).toList()).orElse(List.of()));
            Set<String> reads = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String type = resource.path("type").asText();
                String resourceName = resource.path("name").asText();
                assertThat(resource.path("patternType").asText("literal")).as(name + " ACLs name exact resources").isEqualTo("literal");
                List<String> ops = new ArrayList<>();
                acl.path("operations").forEach(o -> ops.add(o.asText()));
                assertThat(ops).as(name + " on " + resourceName).doesNotContain("All", "Create", "Delete", "Alter", "AlterConfigs");
                if (type.equals("topic") && ops.contains("Write")) {
                    writers.computeIfAbsent(resourceName, k -> new ArrayList<>()).add(name);
                    boolean own = ownTopic(name).map(resourceName::equals).orElse(false);
                    boolean deadLetterOfConsumed = consumed.stream().anyMatch(t -> Topics.deadLetter(t).equals(resourceName));
                    boolean alerts = name.equals("alert-producer") && resourceName.equals(Topics.ALERTS);
                    assertThat(own || deadLetterOfConsumed || alerts).as(name + " may not write " + resourceName).isTrue();
                }
                if (type.equals("topic") && ops.contains("Read")) {
                    assertThat(consumed).as(name + " reads only what it consumes").contains(resourceName);
                    reads.add(resourceName);
                }
                if (type.equals("group") && ops.contains("Read")) {
                    assertThat(resourceName).as(name + " joins only its own group").isEqualTo(name);
                    groups.add(resourceName);
                }
            }
            if (service.isPresent() && !consumed.isEmpty()) {
                assertThat(reads).as(name + " reads every topic it consumes").isEqualTo(consumed);
                assertThat(groups).as(name + " consumer group").containsExactly(name);
                for (String topic : consumed) {
                    assertThat(writers.getOrDefault(Topics.deadLetter(topic), List.of())).as(name + " writes " + Topics.deadLetter(topic)).contains(name);
                }
            }
        }
        for (Service service : SERVICES) {
            assertThat(users).as("a KafkaUser for " + service.name()).anyMatch(u -> RenderedOverlay.name(u).equals(service.name()));
            ownTopic(service.name()).ifPresent(topic -> assertThat(writers.get(topic)).as("writers of " + topic).containsExactly(service.name()));
        }
        assertThat(writers.get(Topics.ALERTS)).as("writers of " + Topics.ALERTS).containsExactly("alert-producer");
    }

    // ---- PostgreSQL ----

    void databases(RenderedOverlay overlay) {
        List<ObjectNode> clusters = overlay.all("Cluster").toList();
        assertThat(clusters).as(overlay + ": CloudNativePG clusters").hasSize(1);
        ObjectNode cluster = clusters.get(0);
        String clusterName = RenderedOverlay.name(cluster);
        Map<String, String> roleSecrets = new HashMap<>();
        cluster.path("spec").path("managed").path("roles").forEach(r -> {
            assertThat(r.path("login").asBoolean()).as("role " + r.path("name").asText() + " may log in").isTrue();
            assertThat(r.path("superuser").asBoolean(false)).isFalse();
            roleSecrets.put(r.path("name").asText(), r.path("passwordSecret").path("name").asText());
        });
        for (Service service : SERVICES) {
            ObjectNode deployment = overlay.get("Deployment", service.name());
            String db = envValue(overlay, deployment, "ITSM_DB_NAME").orElseThrow();
            String user = envValue(overlay, deployment, "ITSM_DB_USER").orElseThrow();
            assertThat(db).as(service.name() + " database (itsm.db.name)").isEqualTo(service.property("itsm.db.name"));
            assertThat(envValue(overlay, deployment, "ITSM_DB_HOST")).contains(clusterName + "-rw");
            assertThat(envValue(overlay, deployment, "ITSM_DB_PORT")).contains("5432");
            assertThat(overlay.all("Database")).as(service.name() + ": a Database " + db + " owned by " + user)
                    .anyMatch(d -> d.path("spec").path("name").asText().equals(db)
                            && d.path("spec").path("owner").asText().equals(user)
                            && d.path("spec").path("cluster").path("name").asText().equals(clusterName));
            assertThat(roleSecrets).as(service.name() + ": a managed role " + user).containsKey(user);
            JsonNode password = env(deployment).get("ITSM_DB_PASSWORD");
            assertThat(password.path("valueFrom").path("secretKeyRef").path("name").asText())
                    .as(service.name() + ": the password the role is given").isEqualTo(roleSecrets.get(user));
        }
    }

    void connectionBudget(RenderedOverlay overlay) {
        ObjectNode cluster = overlay.all("Cluster").findFirst().orElseThrow();
        JsonNode parameters = cluster.path("spec").path("postgresql").path("parameters");
        int maxConnections = Integer.parseInt(parameters.path("max_connections").asText("100"));
        int reserved = Integer.parseInt(parameters.path("superuser_reserved_connections").asText("3"));
        int jdbc = Integer.parseInt(SuiteSources.load(SuiteSources.KIT_CONFIG).getProperty("quarkus.datasource.jdbc.max-size"));
        int defaultReactive = Integer.parseInt(SuiteSources.load(SuiteSources.KIT_CONFIG).getProperty("quarkus.datasource.reactive.max-size"));
        int total = 0;
        StringBuilder sum = new StringBuilder();
        for (Service service : SERVICES) {
            ObjectNode deployment = overlay.get("Deployment", service.name());
            int reactive = envValue(overlay, deployment, "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").map(Integer::parseInt).orElse(defaultReactive);
            int listeners = listenConnections(service);
            int pods = maxReplicas(overlay, service.name()) + deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge").asInt(1);
            int connections = pods * (reactive + jdbc + listeners);
            sum.append(String.format("%s: %d pods x (%d + %d + %d) = %d%n", service.name(), pods, reactive, jdbc, listeners, connections));
            total += connections;
        }
        assertThat(total).as(overlay + ": connections at maximum replicas (plus a rollout's extra pod)\n" + sum
                + "must leave 10 of max_connections " + maxConnections + " - " + reserved + " reserved").isLessThanOrEqualTo(maxConnections - reserved - 10);
    }

    /** Connections a service opens outside its pool: a PgSubscriber LISTENs on its own. */
    static int listenConnections(Service service) {
        try (Stream<Path> files = Files.walk(service.module().resolve("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .mapToInt(p -> count(SuiteSources.read(p), "PgSubscriber.subscriber(")).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    // ---- environment ----

    static ObjectNode container(ObjectNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).as(RenderedOverlay.describe(deployment) + " containers").hasSize(1);
        return (ObjectNode) containers.get(0);
    }

    static Map<String, JsonNode> env(ObjectNode deployment) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container(deployment).path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    /** A variable's literal value, from the container's env or from a ConfigMap it loads with envFrom. */
    static Optional<String> envValue(RenderedOverlay overlay, ObjectNode deployment, String name) {
        JsonNode own = env(deployment).get(name);
        if (own != null) {
            return own.has("value") ? Optional.of(own.path("value").asText()) : Optional.empty();
        }
        return configValue(overlay, deployment, name);
    }

    static Optional<String> configValue(RenderedOverlay overlay, ObjectNode deployment, String name) {
        Optional<String> found = Optional.empty();
        for (JsonNode from : container(deployment).path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                JsonNode data = overlay.get("ConfigMap", configMap).path("data");
                if (data.has(name)) {
                    found = Optional.of(data.path(name).asText());
                }
            }
        }
        return found;
    }

    static Set<String> definedEnv(RenderedOverlay overlay, ObjectNode deployment) {
        Set<String> names = new TreeSet<>(env(deployment).keySet());
        for (JsonNode from : container(deployment).path("envFrom")) {
            assertThat(from.has("prefix")).isFalse();
            String configMap = from.path("configMapRef").path("name").asText(null);
            assertThat(configMap).as(RenderedOverlay.describe(deployment) + " envFrom only ConfigMaps").isNotNull();
            assertThat(from.path("configMapRef").path("optional").asBoolean(false)).isFalse();
            overlay.get("ConfigMap", configMap).path("data").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    void environment(RenderedOverlay overlay) {
        Set<String> declared = new TreeSet<>();
        SuiteSources.declaredProperties().forEach(p -> declared.add(SuiteSources.envName(p)));
        declared.addAll(DIRECTORY_BOOTSTRAP_ENV);
        boolean kafkaAuth = listeners(overlay).values().stream().anyMatch(l -> l.has("authentication"));
        String kafkaName = RenderedOverlay.name(kafka(overlay));
        ObjectNode cluster = overlay.all("Cluster").findFirst().orElseThrow();
        boolean postgresTlsOnly = cluster.path("spec").path("postgresql").path("pg_hba").toString().contains("hostnossl");
        boolean production = overlay.name.equals("production");
        for (Service service : SERVICES) {
            ObjectNode deployment = overlay.get("Deployment", service.name());
            Set<String> defined = definedEnv(overlay, deployment);
            List<String> required = new ArrayList<>(REQUIRED_ENV);
            if (service.properties().containsKey("itsm.jwt.private-key")) {
                required.add("SMALLRYE_JWT_SIGN_KEY_LOCATION");
            }
            if (kafkaAuth) {
                required.addAll(KAFKA_CLIENT_ENV);
            }
            if (postgresTlsOnly) {
                required.addAll(List.of("ITSM_DB_SSL_MODE", "ITSM_DB_SSL_ROOT_CERT"));
            }
            if (production) {
                required.add("QUARKUS_LOG_CONSOLE_JSON_ENABLED");
                if (service.name().equals("directory-service")) {
                    required.addAll(DIRECTORY_BOOTSTRAP_ENV);
                    assertThat(envValue(overlay, deployment, "ITSM_DIRECTORY_DEMO_DATA")).as("no demo organisation in production").contains("false");
                }
                if (service.name().equals("notification-service")) {
                    required.addAll(MAILER_ENV);
                }
                assertThat(envValue(overlay, deployment, "QUARKUS_LOG_CONSOLE_JSON_ENABLED")).contains("true");
            }
            assertThat(defined).as(overlay + " " + service.name() + " environment").containsAll(required);
            for (String name : defined) {
                if (name.startsWith("ITSM_")) {
                    assertThat(declared).as(service.name() + ": " + name + " sets no property the code declares").contains(name);
                }
            }
            // Every file a setting names is mounted, from the Secret that holds it.
            for (String fileSetting : List.of("ITSM_JWT_PUBLIC_KEY", "SMALLRYE_JWT_SIGN_KEY_LOCATION", "KAFKA_SSL_TRUSTSTORE_LOCATION", "ITSM_DB_SSL_ROOT_CERT")) {
                envValue(overlay, deployment, fileSetting).ifPresent(path -> assertThat(mountedSecret(deployment, path))
                        .as(service.name() + ": " + fileSetting + "=" + path + " is a mounted Secret file").isPresent());
            }
            if (kafkaAuth) {
                assertThat(envValue(overlay, deployment, "KAFKA_SECURITY_PROTOCOL")).contains("SASL_SSL");
                assertThat(envValue(overlay, deployment, "KAFKA_SASL_MECHANISM")).contains("SCRAM-SHA-512");
                assertThat(envValue(overlay, deployment, "KAFKA_SSL_TRUSTSTORE_TYPE")).contains("PEM");
                JsonNode jaas = env(deployment).get("KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef");
                assertThat(jaas.path("name").asText()).as(service.name() + " signs in as its own KafkaUser").isEqualTo(service.name());
                assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
                assertThat(mountedSecret(deployment, envValue(overlay, deployment, "KAFKA_SSL_TRUSTSTORE_LOCATION").orElseThrow()))
                        .contains(kafkaName + "-cluster-ca-cert");
            }
            if (postgresTlsOnly) {
                assertThat(envValue(overlay, deployment, "ITSM_DB_SSL_MODE")).contains("verify-full");
                assertThat(mountedSecret(deployment, envValue(overlay, deployment, "ITSM_DB_SSL_ROOT_CERT").orElseThrow()))
                        .contains(RenderedOverlay.name(cluster) + "-ca");
            }
        }
    }

    /** The Secret whose item the container sees at this path, if a volume mounts one there. */
    static Optional<String> mountedSecret(ObjectNode deployment, String path) {
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        for (JsonNode mount : container(deployment).path("volumeMounts")) {
            String dir = mount.path("mountPath").asText();
            if (!path.startsWith(dir + "/")) {
                continue;
            }
            String file = path.substring(dir.length() + 1);
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("secret")) {
                    JsonNode items = volume.path("secret").path("items");
                    boolean listed = !items.isArray() || items.isEmpty();
                    for (JsonNode item : items) {
                        listed |= item.path("path").asText().equals(file);
                    }
                    if (listed) {
                        return Optional.of(volume.path("secret").path("secretName").asText());
                    }
                }
            }
        }
        return Optional.empty();
    }

    // ---- images and pods ----

    void images(RenderedOverlay overlay) {
        java.util.Properties kit = SuiteSources.load(SuiteSources.KIT_CONFIG);
        String group = kit.getProperty("quarkus.container-image.group");
        String version = SuiteSources.projectVersion();
        for (Service service : SERVICES) {
            String image = container(overlay.get("Deployment", service.name())).path("image").asText();
            assertThat(image).as(service.name() + " image: <registry>/" + group + "/<service>:<project version>")
                    .endsWith("/" + group + "/" + service.name() + ":" + version).doesNotContain("@");
        }
    }

    void pods(RenderedOverlay overlay) {
        java.util.Properties kit = SuiteSources.load(SuiteSources.KIT_CONFIG);
        Duration shutdown = Duration.parse("PT" + kit.getProperty("quarkus.shutdown.timeout").toUpperCase());
        String jvmEnv = SuiteSources.read(SuiteSources.ROOT.resolve("deploy/base/jvm.env")).strip();
        assertThat(jvmEnv).as("deploy/base/jvm.env is one JAVA_TOOL_OPTIONS line").startsWith("JAVA_TOOL_OPTIONS=").doesNotContain("\n");
        String toolOptions = jvmEnv.substring("JAVA_TOOL_OPTIONS=".length());
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(toolOptions);
        double heapShare = percentage.find() ? Double.parseDouble(percentage.group(1)) / 100 : 0.25;
        for (Service service : SERVICES) {
            ObjectNode deployment = overlay.get("Deployment", service.name());
            String what = overlay + " " + service.name();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            ObjectNode app = container(deployment);
            assertThat(envValue(overlay, deployment, "JAVA_TOOL_OPTIONS")).as(what + " JVM flags from jvm.env").contains(toolOptions);
            assertThat(app.has("command") || app.has("args")).as(what + ": the image's entry point runs").isFalse();

            Map<String, Integer> ports = new HashMap<>();
            app.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertThat(ports.get("http")).as(what + " http port = QUARKUS_HTTP_PORT")
                    .isEqualTo(Integer.parseInt(envValue(overlay, deployment, "QUARKUS_HTTP_PORT").orElseThrow()));
            Set<String> probed = new TreeSet<>();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode get = app.path(probe).path("httpGet");
                assertThat(get.path("port").asText()).as(what + " " + probe + " port").isIn("http", String.valueOf(ports.get("http")));
                probed.add(get.path("path").asText());
            }
            assertThat(probed).as(what + " probe paths").isEqualTo(HEALTH_PATHS);
            assertThat(app.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(app.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");

            JsonNode resources = app.path("resources");
            assertThat(resources.path("requests").has("cpu")).as(what + " CPU request").isTrue();
            long limit = mebibytes(resources.path("limits").path("memory").asText());
            long request = mebibytes(resources.path("requests").path("memory").asText());
            assertThat(limit).as(what + " memory limit").isPositive();
            assertThat(request).as(what + " memory request").isPositive().isLessThanOrEqualTo(limit);
            assertThat(limit * (1 - heapShare)).as(what + ": memory limit " + limit + " Mi leaves " + NON_HEAP_MIB
                    + " Mi beside a heap of MaxRAMPercentage " + heapShare * 100).isGreaterThanOrEqualTo((double) NON_HEAP_MIB);

            JsonNode podSecurity = pod.path("securityContext");
            JsonNode security = app.path("securityContext");
            assertThat(podSecurity.path("runAsNonRoot").asBoolean() || security.path("runAsNonRoot").asBoolean()).as(what + " non-root").isTrue();
            assertThat(podSecurity.path("runAsUser").asInt(185)).isNotZero();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(what + " read-only root").isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(what + " no privilege escalation").isFalse();
            assertThat(security.path("capabilities").path("drop").toString()).as(what + " drops all capabilities").contains("\"ALL\"");
            assertThat(podSecurity.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(pod.path("serviceAccountName").asText()).isEqualTo(service.name());
            overlay.get("ServiceAccount", service.name());
            assertThat(overlay.get("Service", service.name()).path("spec").path("ports").toString()).contains("\"name\":\"http\"");

            int preStop = app.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt(0);
            assertThat(preStop).as(what + " preStop pause so endpoints drain first").isPositive();
            int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
            assertThat((long) grace).as(what + " terminationGracePeriodSeconds > preStop + quarkus.shutdown.timeout + 10 s to close clients")
                    .isGreaterThan(preStop + shutdown.toSeconds() + 10);
            assertThat(deployment.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(1)).isZero();
        }
    }

    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        if (!m.matches()) {
            fail("memory quantity " + quantity + " is not in Mi or Gi");
        }
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    // ---- network, disruption, monitoring ----

    void networkPolicies(RenderedOverlay overlay) {
        List<ObjectNode> policies = overlay.all("NetworkPolicy").toList();
        assertThat(policies).as(overlay + ": a default-deny ingress policy for the whole namespace")
                .anyMatch(p -> p.path("spec").path("podSelector").isEmpty() && p.path("spec").path("policyTypes").toString().contains("Ingress")
                        && p.path("spec").path("ingress").isMissingNode());
        for (Service service : SERVICES) {
            Map<String, String> labels = new HashMap<>();
            overlay.get("Deployment", service.name()).path("spec").path("template").path("metadata").path("labels")
                    .fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<ObjectNode> egress = policies.stream().filter(p -> p.path("spec").path("policyTypes").toString().contains("Egress")
                    && selects(p.path("spec").path("podSelector"), labels)).toList();
            assertThat(egress).as(service.name() + " egress is restricted").isNotEmpty();
            String rules = egress.stream().map(p -> p.path("spec").path("egress").toString()).reduce("", String::concat);
            assertThat(rules).as(service.name() + " reaches DNS, Kafka, PostgreSQL")
                    .contains("\"port\":53", "\"k8s-app\":\"kube-dns\"", "\"strimzi.io/cluster\":\"" + RenderedOverlay.name(kafka(overlay)) + "\"",
                            "\"cnpg.io/cluster\":\"" + RenderedOverlay.name(overlay.all("Cluster").findFirst().orElseThrow()) + "\"", "\"port\":5432");
            for (int port : listeners(overlay).keySet()) {
                assertThat(rules).contains("\"port\":" + port);
            }
            boolean outside = rules.contains("0.0.0.0/0");
            assertThat(outside).as(service.name() + " reaches outside the cluster").isEqualTo(service.name().equals("notification-service"));
            if (outside) {
                assertThat(rules).contains("\"port\":443", "\"port\":587");
            }
        }
    }

    static boolean selects(JsonNode podSelector, Map<String, String> labels) {
        JsonNode match = podSelector.path("matchLabels");
        if (podSelector.has("matchExpressions")) {
            return false;
        }
        for (var it = match.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    void disruptionBudgets(RenderedOverlay overlay) {
        for (Service service : SERVICES) {
            JsonNode spec = overlay.get("PodDisruptionBudget", service.name()).path("spec");
            if (spec.has("minAvailable")) {
                fail(overlay + " " + service.name() + ": minAvailable blocks a drain whenever replicas = minAvailable; use maxUnavailable");
            }
            assertThat(spec.path("maxUnavailable").asInt(0)).as(service.name() + " maxUnavailable").isPositive();
            assertThat(spec.path("selector").path("matchLabels").path("app.kubernetes.io/name").asText()).isEqualTo(service.name());
        }
    }

    void monitoring(RenderedOverlay overlay) {
        List<ObjectNode> monitors = overlay.all("ServiceMonitor").toList();
        if (overlay.name.equals("production")) {
            assertThat(monitors).as("production is monitored").isNotEmpty();
        }
        if (monitors.isEmpty()) {
            return;
        }
        for (Service service : SERVICES) {
            assertThat(monitors).as("ServiceMonitor of " + service.name()).anyMatch(m ->
                    m.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText().equals(service.name())
                            && m.path("spec").path("endpoints").toString().contains("\"path\":\"/q/metrics\"")
                            && m.path("spec").path("endpoints").toString().contains("\"port\":\"http\""));
        }
        String rules = overlay.all("PrometheusRule").map(JsonNode::toString).reduce("", String::concat);
        assertThat(rules).as("alerts on consumer lag, dead letters, parked outbox rows, SLA breaches").contains(ALERT_METRICS);
    }
}
