package dev.itsm.incident.rest;

import dev.itsm.incident.repository.MetricsRows;

import java.time.Instant;
import java.util.List;

/** MTTA and MTTR of the incidents opened in [from, to), one group per value of {@code groupBy}. */
public record MetricsView(Instant from, Instant to, String groupBy, String serviceCode, List<Group> groups) {

    /**
     * @param key                 the group's value; null for incidents without one (no assignee yet)
     * @param mttaSeconds         mean time from opening to first ownership, over the {@code acknowledged} incidents
     * @param mttrSeconds         mean time from opening to resolution, over the {@code resolved} incidents
     */
    public record Group(String key, long opened, long acknowledged, Double mttaSeconds, long resolved, Double mttrSeconds) {
        static Group of(MetricsRows.Figures f) {
            return new Group(f.key(), f.opened(), f.acknowledged(), round(f.mttaSeconds()), f.resolved(), round(f.mttrSeconds()));
        }

        private static Double round(Double seconds) {
            return seconds == null ? null : Math.round(seconds * 1000) / 1000.0;
        }
    }
}
