package dev.itsm.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real broker and database of {@link SuiteInfra}. Init arg
 * {@code service}: the service name; its database is the name without "-service".
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {
    private String service = "service";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        SuiteInfra infra = SuiteInfra.get();
        String database = infra.database(service.replace("-service", "").replace('-', '_'));
        Map<String, String> config = new HashMap<>();
        config.put("itsm.kafka.bootstrap", infra.kafkaBootstrap());
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
        config.put("itsm.db.host", infra.dbHost());
        config.put("itsm.db.port", String.valueOf(infra.dbPort()));
        config.put("itsm.db.name", database);
        config.put("itsm.db.user", database);
        config.put("itsm.db.password", database);
        config.put("itsm.jwt.issuer", TestTokens.ISSUER);
        config.put("itsm.jwt.public-key", infra.publicKey().toString());
        config.put("itsm.jwt.private-key", infra.privateKey().toString());
        config.put("mp.jwt.verify.publickey.location", infra.publicKey().toString());
        config.put("smallrye.jwt.sign.key.location", infra.privateKey().toString());
        if (service.equals("directory-service")) {
            // Its tests sign in as the demo people.
            config.put("itsm.directory.demo-data", "true");
        }
        return config;
    }

    @Override
    public void stop() {
        // The broker and the database serve every test class of the JVM; SuiteInfra stops them at exit.
    }
}
