package dev.itsm.kit.config;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

/**
 * Connection options for a PostgreSQL connection outside the pool (LISTEN, for one), with the same database,
 * credentials and TLS settings as the pool.
 */
public final class DbConnectOptions {
    private DbConnectOptions() {
    }

    public static PgConnectOptions of(KitConfig.Db db) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(db.host()).setPort(db.port()).setDatabase(db.name())
                .setUser(db.user()).setPassword(db.password())
                .setSslMode(SslMode.of(db.sslMode()));
        db.sslRootCert().ifPresent(cert -> options.setTrustOptions(new PemTrustOptions().addCertPath(cert)));
        // As the pool does: whenever TLS is on, the server's host name must match its certificate.
        options.setHostnameVerificationAlgorithm("HTTPS");
        return options;
    }
}
