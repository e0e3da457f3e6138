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

/** Loads the role catalog, and the demo organisation when enabled, at start; both are idempotent. */
@ApplicationScoped
public class DirectoryBootstrap {
    private static final Logger LOG = Logger.getLogger(DirectoryBootstrap.class);

    private final DirectoryService directory;
    private final DirectoryConfig config;
    private final EventCodec codec;

    DirectoryBootstrap(DirectoryService directory, DirectoryConfig config, EventCodec codec) {
        this.directory = directory;
        this.config = config;
        this.codec = codec;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        int roles = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> directory.loadCatalog(catalog())));
        LOG.infof("role catalog: %d roles, %d new or changed", catalog().size(), roles);
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
