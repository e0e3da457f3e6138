package dev.itsm.directory.rest;

import dev.itsm.directory.domain.CatalogRole;
import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.RoleEntry;
import dev.itsm.kit.domain.ApiProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The role catalog from the seed documents; public, like any organisation's published role definitions. */
@Path("/api/roles")
@PermitAll
@Tag(name = "Role catalog")
@Produces(MediaType.APPLICATION_JSON)
public class RoleResource {

    @GET
    @WithSession
    @Operation(summary = "Every role with its responsibilities, aliases and the seed documents it comes from")
    public Uni<List<CatalogRole>> list() {
        return RoleEntry.<RoleEntry>listAll(Sort.by("code")).map(roles -> roles.stream().map(DirectoryService::view).toList());
    }

    @GET
    @Path("{code}")
    @WithSession
    @Operation(summary = "One role")
    public Uni<CatalogRole> get(@PathParam("code") String code) {
        return RoleEntry.<RoleEntry>findById(code).onItem().ifNull().failWith(() -> ApiProblem.notFound("role", code))
                .map(DirectoryService::view);
    }
}
