package dev.itsm.kit.repository;

import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;

/** The optional equality filters of a list endpoint: a null value does not filter. */
public final class Filter {
    private final List<String> clauses = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    public static Filter where() {
        return new Filter();
    }

    public Filter eq(String field, Object value) {
        if (value != null) {
            String name = "p" + clauses.size();
            clauses.add(field + " = :" + name);
            parameters.and(name, value);
        }
        return this;
    }

    /** Keeps only what the actor may see (see {@link dev.itsm.kit.security.Visibility}); null keeps everything. */
    public Filter visibleTo(dev.itsm.kit.security.Visibility.Condition condition) {
        if (condition != null) {
            clauses.add(condition.text());
            condition.parameters().forEach(parameters::and);
        }
        return this;
    }

    /** One page of the matching entities, with the total count. */
    public <E> Uni<Page<E>> page(PanacheRepositoryBase<E, ?> repository, Sort sort, PageRequest paging) {
        var query = clauses.isEmpty() ? repository.findAll(sort)
                : repository.find(String.join(" and ", clauses), sort, parameters);
        query.page(paging.toPanache());
        return query.list().chain(items -> query.count().map(total -> new Page<>(items, paging.page, paging.size, total)));
    }
}
