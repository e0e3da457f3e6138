package dev.itsm.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which faults to cause, in order, and how much traffic runs meanwhile. */
public record Plan(String name, Traffic.Rates rates, int groupsPerPhase, int fingerprintsPerGroup, Duration leadIn,
                   Duration tail, Duration outage, List<Fault> faults, Optional<Duration> consumerSessionTimeout) {

    /** One fault of a phase. */
    public sealed interface Fault {
        String describe();

        /** kill -9 the first instance of a service, then start it again. */
        record Kill(String service) implements Fault {
            public String describe() {
                return "kill -9 " + service + "#1";
            }
        }

        /** Stop the broker, then start it again on the same data directory and ports. */
        record BrokerStop() implements Fault {
            public String describe() {
                return "broker stopped";
            }
        }

        /** pg_ctl stop -m immediate, then start PostgreSQL again. */
        record PostgresCrash() implements Fault {
            public String describe() {
                return "PostgreSQL crashed (immediate)";
            }
        }

        /** Stop the second instance of each service, stop the broker, start the instances: they must come up and serve. */
        record BrokerDownAtStart(List<String> services) implements Fault {
            public String describe() {
                return "broker stopped; " + (services.size() == FaultBed.SERVICES.size() ? "every service's #2"
                        : String.join(", ", services.stream().map(s -> s + "#2").toList())) + " started without it";
            }
        }
    }

    /**
     * A few minutes on a small machine, modest rates: one fault of each kind. The broker's outage is also the
     * start of an instance without it. The consumers' session timeout is 10 s instead of Kafka's 45 s, so that the
     * partitions of a killed instance move on sooner; the long form keeps the services' own settings.
     */
    public static Plan shortForm() {
        return new Plan("short", new Traffic.Rates(5, 3, 1.5, 2), 2, 4, Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofSeconds(10), List.of(
                new Fault.Kill("incident-service"),
                new Fault.BrokerDownAtStart(List.of("incident-service")),
                new Fault.PostgresCrash()), Optional.of(Duration.ofSeconds(10)));
    }

    /** Every service's instance killed in turn, the broker, the database, and every service started without a broker. */
    public static Plan longForm() {
        List<Fault> faults = new ArrayList<>();
        FaultBed.SERVICES.forEach(s -> faults.add(new Fault.Kill(s)));
        faults.add(new Fault.BrokerStop());
        faults.add(new Fault.PostgresCrash());
        faults.add(new Fault.BrokerDownAtStart(FaultBed.SERVICES));
        return new Plan("long", new Traffic.Rates(20, 8, 4, 5), 3, 5, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), List.copyOf(faults), Optional.empty());
    }
}
