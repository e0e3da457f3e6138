package dev.itsm.kit.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * Reads that cannot write: entities loaded in the work are read-only, so nothing they touch is ever flushed.
 * For GET endpoints, inside their {@code @WithSession}.
 */
public final class ReadOnly {
    private ReadOnly() {
    }

    public static <T> Uni<T> read(Supplier<Uni<T>> work) {
        return Panache.getSession().invoke(session -> session.setDefaultReadOnly(true)).chain(ignored -> work.get());
    }
}
