package dev.itsm.incident.domain;

import dev.itsm.incident.config.IncidentConfig;
import dev.itsm.incident.repository.MetricsRows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * MTTA and MTTR per priority, service, assignment group and assignee: over any range on request, and as gauges over
 * the trailing {@code itsm.incident.metrics.window} for Prometheus ({@code itsm_incident_mtta_seconds},
 * {@code itsm_incident_mttr_seconds}, {@code itsm_incident_window_opened}, {@code itsm_incident_window_acknowledged},
 * {@code itsm_incident_window_resolved}, each with labels {@code dimension} and {@code key}). The gauges come from the
 * database, so every replica exports the same figures and a restart loses nothing: aggregate them with max, not sum.
 */
@ApplicationScoped
public class IncidentMetrics {
    private final Pool pool;
    private final MetricsRows rows;
    private final IncidentConfig config;
    private final Clock clock;
    private final MultiGauge mtta;
    private final MultiGauge mttr;
    private final MultiGauge opened;
    private final MultiGauge acknowledged;
    private final MultiGauge resolved;

    IncidentMetrics(Pool pool, MetricsRows rows, IncidentConfig config, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.rows = rows;
        this.config = config;
        this.clock = clock;
        this.mtta = MultiGauge.builder("itsm.incident.mtta").baseUnit("seconds")
                .description("mean time from opening to first ownership of the incidents opened in the window").register(registry);
        this.mttr = MultiGauge.builder("itsm.incident.mttr").baseUnit("seconds")
                .description("mean time from opening to resolution of the incidents opened in the window").register(registry);
        this.opened = MultiGauge.builder("itsm.incident.window.opened")
                .description("incidents opened in the window").register(registry);
        this.acknowledged = MultiGauge.builder("itsm.incident.window.acknowledged")
                .description("incidents opened in the window and owned since").register(registry);
        this.resolved = MultiGauge.builder("itsm.incident.window.resolved")
                .description("incidents opened in the window and resolved since").register(registry);
    }

    public Uni<List<MetricsRows.Figures>> figures(MetricsRows.Dimension dimension, Instant from, Instant to, String serviceCode) {
        return rows.by(pool, dimension, from, to, serviceCode);
    }

    /** Recomputes the gauges from the database. */
    public Uni<Void> refresh() {
        return rows.all(pool, clock.instant().minus(config.metrics().window())).invoke(figures -> {
            mtta.register(figures.stream().filter(f -> f.mttaSeconds() != null)
                    .map(f -> MultiGauge.Row.of(tags(f), f.mttaSeconds())).toList(), true);
            mttr.register(figures.stream().filter(f -> f.mttrSeconds() != null)
                    .map(f -> MultiGauge.Row.of(tags(f), f.mttrSeconds())).toList(), true);
            opened.register(figures.stream().map(f -> MultiGauge.Row.of(tags(f), f.opened())).toList(), true);
            acknowledged.register(figures.stream().map(f -> MultiGauge.Row.of(tags(f), f.acknowledged())).toList(), true);
            resolved.register(figures.stream().map(f -> MultiGauge.Row.of(tags(f), f.resolved())).toList(), true);
        }).replaceWithVoid();
    }

    private static Tags tags(MetricsRows.Figures f) {
        return Tags.of("dimension", f.dimension().toLowerCase(Locale.ROOT), "key", f.key() == null ? "none" : f.key());
    }
}
