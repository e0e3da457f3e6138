package dev.itsm.directory.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.itsm.contracts.EventCodec;
import dev.itsm.directory.config.DirectoryConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * At start, idempotently: the role catalog; the first administrator and the integration clients named by the
 * environment; and the demo organisation only when asked for (ITSM_DIRECTORY_DEMO_DATA=true).
 */
@ApplicationScoped
public class DirectoryBootstrap {
    private static final Logger LOG = Logger.getLogger(DirectoryBootstrap.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final int MIN_ADMIN_PASSWORD = 12;
    private static final int MIN_CLIENT_SECRET = 16;

    private final DirectoryService directory;
    private final DirectoryConfig config;
    private final EventCodec codec;

    DirectoryBootstrap(DirectoryService directory, DirectoryConfig config, EventCodec codec) {
        this.directory = directory;
        this.config = config;
        this.codec = codec;
    }

    /** A client as ITSM_DIRECTORY_BOOTSTRAP_CLIENTS lists it. */
    public record BootstrapClient(String clientId, String secret, List<String> scopes) {
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        int roles = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> directory.loadCatalog(catalog())));
        LOG.infof("role catalog: %d roles, %d new or changed", catalog().size(), roles);
        bootstrapAdministrator();
        bootstrapClients();
        if (config.demoData()) {
            int created = loadDemo();
            LOG.infof("demo directory: %d entries created", created);
        }
    }

    public int loadDemo() throws Throwable {
        DemoDirectory demo = read("/catalog/demo-directory.json", new TypeReference<>() { });
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> directory.loadDemo(demo)));
    }

    public List<CatalogRole> catalog() {
        return read("/catalog/role-catalog.json", new TypeReference<>() { });
    }

    private void bootstrapAdministrator() throws Throwable {
        var bootstrap = config.bootstrap();
        if (bootstrap.adminUsername().isEmpty()) {
            if (!config.demoData()) {
                LOG.warn("no first administrator configured (ITSM_DIRECTORY_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD): "
                        + "the directory can only be changed by an administrator who already exists");
            }
            return;
        }
        String username = bootstrap.adminUsername().get().strip();
        String password = bootstrap.adminPassword().orElseThrow(() -> new IllegalStateException(
                "ITSM_DIRECTORY_BOOTSTRAP_ADMIN_USERNAME is set but ITSM_DIRECTORY_BOOTSTRAP_ADMIN_PASSWORD is not"));
        if (password.length() < MIN_ADMIN_PASSWORD) {
            throw new IllegalStateException("ITSM_DIRECTORY_BOOTSTRAP_ADMIN_PASSWORD must have at least " + MIN_ADMIN_PASSWORD + " characters");
        }
        boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> directory.ensureAdministrator(username, password)));
        LOG.infof("first administrator %s: %s", username, created ? "created" : "exists already, left as it is");
    }

    private void bootstrapClients() throws Throwable {
        if (config.bootstrap().clients().isEmpty() || config.bootstrap().clients().get().isBlank()) {
            return;
        }
        List<BootstrapClient> clients = parseClients(config.bootstrap().clients().get());
        for (BootstrapClient client : clients) {
            boolean changed = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> directory.ensureClient(
                    new DirectoryService.ClientDraft(client.clientId(), client.secret(), client.scopes()), "bootstrap")));
            LOG.infof("integration client %s %s", client.clientId(), changed ? "created or updated" : "up to date");
        }
    }

    /** Parses and checks ITSM_DIRECTORY_BOOTSTRAP_CLIENTS; a bad entry stops the start with a message naming it. */
    public List<BootstrapClient> parseClients(String json) {
        List<BootstrapClient> clients;
        try {
            clients = codec.mapper().readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new IllegalStateException("ITSM_DIRECTORY_BOOTSTRAP_CLIENTS is not a JSON array of "
                    + "{\"clientId\",\"secret\",\"scopes\":[...]}: " + e.getMessage(), e);
        }
        for (BootstrapClient client : clients) {
            if (client.clientId() == null || !CLIENT_ID.matcher(client.clientId()).matches()) {
                throw new IllegalStateException("ITSM_DIRECTORY_BOOTSTRAP_CLIENTS: bad clientId " + client.clientId());
            }
            if (client.secret() == null || client.secret().length() < MIN_CLIENT_SECRET) {
                throw new IllegalStateException("ITSM_DIRECTORY_BOOTSTRAP_CLIENTS: the secret of " + client.clientId()
                        + " must have at least " + MIN_CLIENT_SECRET + " characters");
            }
            if (client.scopes() == null || client.scopes().isEmpty() || !client.scopes().stream().allMatch(TokenIssuer::isIntegrationScope)) {
                throw new IllegalStateException("ITSM_DIRECTORY_BOOTSTRAP_CLIENTS: the scopes of " + client.clientId()
                        + " must be ALERT_SOURCE and/or INCIDENT_SOURCE, not " + client.scopes());
            }
        }
        return clients;
    }

    private <T> T read(String resource, TypeReference<T> type) {
        try (InputStream in = DirectoryBootstrap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return codec.mapper().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
