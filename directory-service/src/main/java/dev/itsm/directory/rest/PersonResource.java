package dev.itsm.directory.rest;

import dev.itsm.directory.domain.DirectoryAccess;
import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.Person;
import dev.itsm.kit.rest.Created;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.Actor;
import dev.itsm.kit.security.CurrentActor;
import dev.itsm.kit.security.RecordScope;
import dev.itsm.kit.security.RevocationList;
import io.quarkus.hibernate.reactive.panache.Panache;
import dev.itsm.kit.security.Visibility;
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
    private final RevocationList revocations;
    private final CurrentActor actor;

    PersonResource(DirectoryService directory, RevocationList revocations, CurrentActor actor) {
        this.directory = directory;
        this.revocations = revocations;
        this.actor = actor;
    }

    @GET
    @WithSession
    @Operation(summary = "List people; filter by role held (assigned) or group")
    public Uni<Page<Views.PersonView>> list(@QueryParam("role") String role, @QueryParam("group") String group,
                                            @Valid @BeanParam PageRequest paging) {
        Actor caller = actor.get();
        DirectoryAccess.POLICY.require(caller, DirectoryAccess.READ_PEOPLE);
        Visibility visible = DirectoryAccess.POLICY.visibility(caller, DirectoryAccess.READ_PEOPLE);
        return Person.<Person>listAll(Sort.by("username")).map(people -> {
            var matching = people.stream()
                    .filter(p -> visible.everything() || visible.reaches(RecordScope.ownedBy(p.id.toString())))
                    .filter(p -> role == null || p.roleAssignments().stream().anyMatch(r -> r.role().equals(role)))
                    .filter(p -> group == null || p.groups().contains(group))
                    .map(p -> view(caller, p)).toList();
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
        Actor caller = actor.get();
        DirectoryAccess.POLICY.require(caller, DirectoryAccess.READ_PEOPLE);
        return directory.person(id).map(person -> {
            DirectoryAccess.POLICY.require(caller, DirectoryAccess.READ_PEOPLE, RecordScope.ownedBy(person.id.toString()));
            return view(caller, person);
        });
    }

    /** Contact details only for the person themselves and for those who may read everyone's. */
    static Views.PersonView view(Actor caller, Person person) {
        return DirectoryAccess.POLICY.permits(caller, DirectoryAccess.READ_CONTACT_DETAILS, RecordScope.ownedBy(person.id.toString()))
                ? Views.PersonView.of(person) : Views.PersonView.withoutContact(person);
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
    @Operation(summary = "Activate or deactivate a person; deactivating revokes their tokens everywhere, and inactive people "
            + "cannot sign in and are not notified")
    public Uni<Views.PersonView> active(@PathParam("id") UUID id, @Valid @NotNull Requests.Activation body) {
        return Panache.withTransaction(() -> directory.setActive(id, body.active(), actor.get()))
                .call(revocations::refresh)
                .map(Views.PersonView::of);
    }
}
