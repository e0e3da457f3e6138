package dev.itsm.contracts.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * One shift of a group's on-call rota (compacted topic, key {@code oncall:<shiftId>}).
 *
 * @param active  false once the shift has been removed; copies drop it from "who is on call"
 * @param version increases with every change; projections ignore older versions
 */
public record OnCallShiftChanged(
        UUID shiftId,
        String groupCode,
        UUID personId,
        Instant startsAt,
        Instant endsAt,
        boolean active,
        long version) {
}
