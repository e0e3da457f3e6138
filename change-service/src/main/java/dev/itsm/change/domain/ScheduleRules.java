package dev.itsm.change.domain;

import dev.itsm.contracts.change.ChangeType;
import dev.itsm.kit.domain.ApiProblem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** When a change may run: not over another scheduled change of the same service, not in a freeze window. */
public final class ScheduleRules {
    private ScheduleRules() {
    }

    public record Window(Instant start, Instant end) {
        public Window {
            if (start == null || end == null || !end.isAfter(start)) {
                throw ApiProblem.unprocessable("a window needs a start and an end after it");
            }
        }

        /** Half-open intervals: one change may start when the other ends. */
        public boolean overlaps(Window other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    public record Booked(UUID changeId, String number, Window window) {
    }

    public record Freeze(UUID id, String reason, Window window) {
    }

    /** 409 naming every conflicting change and freeze; emergencies may run inside a freeze, never over another change. */
    public static void check(ChangeType type, Window proposed, List<Booked> sameService, List<Freeze> freezes) {
        List<String> conflicts = sameService.stream().filter(b -> b.window().overlaps(proposed)).map(Booked::number).toList();
        List<String> frozen = type == ChangeType.EMERGENCY ? List.of()
                : freezes.stream().filter(f -> f.window().overlaps(proposed)).map(Freeze::reason).toList();
        if (!conflicts.isEmpty() || !frozen.isEmpty()) {
            throw ApiProblem.conflict("the window " + proposed.start() + " – " + proposed.end() + " is not free",
                    Map.of("conflictingChanges", conflicts, "freezeWindows", frozen));
        }
    }
}
