package dev.itsm.contracts.directory;

import java.util.List;

/** One entry of the role catalog (key {@code role:<code>}). */
public record RoleDefined(
        String code,
        String name,
        String kind,
        List<String> responsibilities,
        List<String> aliases,
        List<String> sources) {
}
