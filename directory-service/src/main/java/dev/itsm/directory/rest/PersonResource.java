package dev.itsm.directory.rest;

import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.Person;
import dev.itsm.kit.rest.Created;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/people")
@Authenticated
@Tag(name = "People")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PersonResource {
    private final DirectoryService directory;
    private final CurrentActor actor;

    PersonResource(DirectoryService directory, CurrentActor actor) {
        this.directory = directory;
        this.actor = actor;
    }

    @GET
    @WithSession
    @Operation(summary = "List people; filter by role held (assigned) or group")
    public Uni<Page<Views.PersonView>> list(@QueryParam("role") String role, @QueryParam("group") String group,
                                            @Valid @BeanParam PageRequest paging) {
        return Person.<Person>listAll(Sort.by("username")).map(people -> {
            var matching = people.stream()
                    .filter(p -> role == null || p.roleAssignments().stream().anyMatch(r -> r.role().equals(role)))
                    .filter(p -> group == null || p.groups().contains(group))
                    .map(Views.PersonView::of).toList();
            int from = Math.min(paging.page * paging.size, matching.size());
            int to = Math.min(from + paging.size, matching.size());
            return new Page<>(matching.subList(from, to), paging.page, paging.size, matching.size());
        });
    }

    @GET
    @Path("{id}")
    @WithSession
    @Operation(summary = "One person")
    public Uni<Views.PersonView> get(@PathParam("id") UUID id) {
        return directory.person(id).map(Views.PersonView::of);
    }

    @POST
    @WithTransaction
    @Operation(summary = "Add a person (directory administrators)")
    public Uni<Response> create(@Valid @NotNull Requests.NewPerson body, @Context UriInfo uri) {
        return directory.createPerson(new DirectoryService.PersonDraft(null, body.username(), body.displayName(), body.email(),
                        body.password(), body.roles(), body.groupCodes(), body.channels(), body.webhookUrl()), actor.get())
                .map(person -> Created.at(uri, person.id, Views.PersonView.of(person)));
    }

    @PUT
    @Path("{id}/roles")
    @WithTransaction
    @Operation(summary = "Replace a person's role assignments, each optionally for one service")
    public Uni<Views.PersonView> roles(@PathParam("id") UUID id, @Valid @NotNull Requests.RoleList body) {
        return directory.setRoles(id, body.roles(), actor.get()).map(Views.PersonView::of);
    }

    @PUT
    @Path("{id}/active")
    @WithTransaction
    @Operation(summary = "Activate or deactivate a person; inactive people cannot sign in and are not notified")
    public Uni<Views.PersonView> active(@PathParam("id") UUID id, @Valid @NotNull Requests.Activation body) {
        return directory.setActive(id, body.active(), actor.get()).map(Views.PersonView::of);
    }
}
