package dev.itsm.problem.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "itsm.problem")
public interface ProblemConfig {

    Clustering clustering();

    interface Clustering {
        /** How many similar open incidents raise a problem. */
        @WithDefault("3")
        int threshold();

        /** Within how long a time (by the incidents' own opening times) they must have opened. */
        @WithDefault("PT60M")
        Duration window();
    }
}
