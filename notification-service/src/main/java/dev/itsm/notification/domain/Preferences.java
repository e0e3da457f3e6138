package dev.itsm.notification.domain;

import dev.itsm.contracts.Channel;
import dev.itsm.contracts.Priority;
import dev.itsm.kit.domain.ApiProblem;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A person's own notification settings: which channels per priority ("default" for everything else and for
 * records without a priority) and quiet hours in their time zone. In-app is always on: it is the inbox.
 * Quiet hours hold back e-mail and webhooks until they end (a digest then), except for a P1.
 */
public record Preferences(ZoneId zone, LocalTime quietFrom, LocalTime quietTo, Map<String, Set<Channel>> channels) {
    public static final String DEFAULT_KEY = "default";

    public Preferences {
        channels = Map.copyOf(channels);
    }

    /** No settings: the directory's channels for everything, no quiet hours. */
    public static Preferences none() {
        return new Preferences(ZoneId.of("UTC"), null, null, Map.of());
    }

    /** Checks a person's input; every mistake is a 422 that names it. */
    public static Preferences of(String zone, String quietFrom, String quietTo, Map<String, List<String>> channels) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone);
        } catch (DateTimeException e) {
            throw ApiProblem.unprocessable("unknown time zone '" + zone + "' (use an IANA name such as Europe/Berlin)");
        }
        if ((quietFrom == null) != (quietTo == null)) {
            throw ApiProblem.unprocessable("quiet hours need both 'from' and 'to'");
        }
        LocalTime from = quietFrom == null ? null : time(quietFrom);
        LocalTime to = quietTo == null ? null : time(quietTo);
        if (from != null && from.equals(to)) {
            throw ApiProblem.unprocessable("quiet hours must not start and end at the same time");
        }
        Map<String, Set<Channel>> parsed = new LinkedHashMap<>();
        if (channels != null) {
            channels.forEach((key, list) -> {
                if (!DEFAULT_KEY.equals(key) && java.util.Arrays.stream(Priority.values()).noneMatch(p -> p.name().equals(key))) {
                    throw ApiProblem.unprocessable("channels are set per priority P1..P5 or 'default', not '" + key + "'");
                }
                Set<Channel> set = EnumSet.of(Channel.IN_APP);
                for (String name : list == null ? List.<String>of() : list) {
                    try {
                        set.add(Channel.valueOf(name));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        throw ApiProblem.unprocessable("unknown channel '" + name + "'; one of " + List.of(Channel.values()));
                    }
                }
                parsed.put(key, set);
            });
        }
        return new Preferences(zoneId, from, to, parsed);
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw ApiProblem.unprocessable("'" + text + "' is not a time of day such as 22:00");
        }
    }

    /** The channels for a message of this priority; without a setting, the directory's channels. In-app always. */
    public Set<Channel> channelsFor(Priority priority, Set<Channel> directoryChannels) {
        Set<Channel> chosen = priority != null && channels.containsKey(priority.name()) ? channels.get(priority.name())
                : channels.getOrDefault(DEFAULT_KEY, directoryChannels);
        Set<Channel> result = EnumSet.of(Channel.IN_APP);
        result.addAll(chosen);
        return result;
    }

    /** When the quiet hours around {@code now} end, if {@code now} is inside them. */
    public Optional<Instant> quietUntil(Instant now) {
        if (quietFrom == null) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = quietFrom.isAfter(quietTo);
        boolean inside = wraps ? !time.isBefore(quietFrom) || time.isBefore(quietTo)
                : !time.isBefore(quietFrom) && time.isBefore(quietTo);
        if (!inside) {
            return Optional.empty();
        }
        ZonedDateTime end = local.with(quietTo);
        if (!end.isAfter(local)) {
            end = local.plusDays(1).with(quietTo);
        }
        return Optional.of(end.toInstant());
    }
}
