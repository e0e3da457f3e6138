package dev.itsm.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much of everything a run does. {@link #FULL} is the measurement (about ten minutes on two cores);
 * {@link #SMOKE} runs every step with tiny sizes so CI notices a broken harness in about a minute.
 */
record Profile(
        String name,
        // raw Kafka: warm-up burst, measured bursts (single-alert records, 10-alert notifications), fixed-rate run
        int kafkaWarmRecords, int kafkaBurstRecords, int kafkaMultiRecords, int kafkaRate, double kafkaRateSeconds,
        // pgbench
        int pgbenchWarmSeconds, int pgbenchSeconds, List<Integer> pgbenchClients,
        // Alertmanager
        int amPool, int amSenders, double amWarmSeconds, double amSeconds,
        // alert intake
        int pool, int warmAlerts, int burstAlerts, int burstNotifications, List<Integer> steadyRates, double steadySeconds,
        // end-to-end latency
        int latencyRate, double latencyWarmSeconds, double latencySeconds,
        int problemsWarm, int problems, double problemsPerSecond,
        // REST create
        List<Integer> restClients, double restWarmSeconds, double restStepWarmSeconds, double restStepSeconds,
        double openLoopSeconds,
        // resources
        int starts, double idleSettleSeconds, int loadAlertRate, int loadRestClients, double loadSeconds,
        // how long any one wait for effects may take before the phase fails
        Duration timeout, Duration quietTimeout) {

    /** Alerts per Alertmanager group notification. */
    static final int ALERTS_PER_NOTIFICATION = 10;

    static final Profile FULL = new Profile("full",
            20_000, 100_000, 10_000, 1_000, 5,
            3, 10, List.of(1, 8, 32),
            2_000, 4, 2, 8,
            1_000, 2_000, 10_000, 1_000, List.of(500, 1_000, 2_000, 4_000, 8_000), 5,
            1_000, 3, 30,
            10, 100, 10,
            List.of(1, 2, 4, 8, 16, 32, 64), 20, 1, 5,
            8,
            3, 3, 1_000, 8, 10,
            Duration.ofMinutes(8), Duration.ofMinutes(3));

    static final Profile SMOKE = new Profile("smoke",
            200, 1_000, 100, 200, 1,
            1, 1, List.of(1, 8),
            50, 2, 0.3, 1,
            20, 20, 100, 10, List.of(200), 1,
            100, 0.5, 2,
            1, 3, 5,
            List.of(1, 4), 0.5, 0.2, 1,
            1,
            1, 0.5, 100, 2, 2,
            Duration.ofSeconds(90), Duration.ofSeconds(60));

    boolean smoke() {
        return this == SMOKE;
    }
}
