package dev.itsm.kit.messaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerSettingsTest {

    /**
     * A partition assigned just before the broker went away has its committed offset read when its first records
     * arrive. With Kafka's default of 60 s, a longer outage failed the channel for good: the instance stayed unready
     * and consumed nothing until restarted by hand (the fault run saw it after a 70 s broker outage).
     */
    @Test
    void aPartitionAssignedWhileTheBrokerIsAwayWaitsForItInsteadOfFailingTheChannel() throws IOException {
        Properties kit = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            kit.load(in);
        }
        String timeout = kit.getProperty("mp.messaging.connector.smallrye-kafka.default.api.timeout.ms", "60000");
        assertThat(Duration.ofMillis(Long.parseLong(timeout.trim()))).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }
}
