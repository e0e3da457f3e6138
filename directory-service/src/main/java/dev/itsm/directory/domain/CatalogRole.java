package dev.itsm.directory.domain;

import java.util.List;

/** A role as the catalog file (from the seed documents) describes it. */
public record CatalogRole(String code, String name, String kind, List<String> responsibilities, List<String> aliases,
                          List<String> sources) {
}
