package dev.itsm.directory.rest;

import dev.itsm.directory.domain.DirectoryService;
import dev.itsm.directory.domain.PersonGroup;
import dev.itsm.kit.rest.Created;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Groups (Service Desk, tiers, Problem Resolution Team, CAB ...) and their on-call rota. */
@Path("/api")
@Authenticated
@Tag(name = "Groups and on-call")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
    private final DirectoryService directory;
    private final CurrentActor actor;

    GroupResource(DirectoryService directory, CurrentActor actor) {
        this.directory = directory;
        this.actor = actor;
    }

    @GET
    @Path("groups")
    @WithSession
    @Operation(summary = "List groups with their role and tier")
    public Uni<List<Views.GroupView>> list() {
        return PersonGroup.<PersonGroup>listAll(Sort.by("code")).map(groups -> groups.stream().map(Views.GroupView::of).toList());
    }

    @GET
    @Path("groups/{code}")
    @WithSession
    @Operation(summary = "One group")
    public Uni<Views.GroupView> get(@PathParam("code") String code) {
        return directory.group(code).map(Views.GroupView::of);
    }

    @POST
    @Path("groups")
    @WithTransaction
    @Operation(summary = "Add a group (directory administrators)")
    public Uni<Response> create(@Valid @NotNull Requests.NewGroup body, @Context UriInfo uri) {
        return directory.createGroup(new DirectoryService.GroupDraft(body.code(), body.name(), body.role(), body.tier(),
                        body.serviceCode()), actor.get())
                .map(group -> Created.at(uri, group.code, Views.GroupView.of(group)));
    }

    @PUT
    @Path("groups/{code}/members")
    @WithTransaction
    @Operation(summary = "Replace a group's members")
    public Uni<Views.GroupView> members(@PathParam("code") String code, @Valid @NotNull Requests.Members body) {
        return directory.setMembers(code, body.personIds(), actor.get()).map(Views.GroupView::of);
    }

    @GET
    @Path("on-call/{groupCode}")
    @WithSession
    @Operation(summary = "Who is on call for a group now (the current shift, or every member when no rota is set)")
    public Uni<List<Views.PersonView>> onCall(@PathParam("groupCode") String groupCode) {
        return directory.onCallNow(groupCode).map(people -> people.stream().map(Views.PersonView::of).toList());
    }

    @POST
    @Path("on-call/{groupCode}")
    @WithTransaction
    @Operation(summary = "Add an on-call shift for a group member")
    public Uni<Response> addShift(@PathParam("groupCode") String groupCode, @Valid @NotNull Requests.Shift body) {
        return directory.addShift(groupCode, body.personId(), body.startsAt(), body.endsAt(), actor.get())
                .map(shift -> Response.status(Response.Status.CREATED).entity(shift).build());
    }

    @DELETE
    @Path("on-call/{groupCode}/shifts/{shiftId}")
    @WithTransaction
    @Operation(summary = "Remove an on-call shift")
    public Uni<Response> removeShift(@PathParam("groupCode") String groupCode, @PathParam("shiftId") UUID shiftId) {
        return directory.removeShift(groupCode, shiftId, actor.get()).map(removed -> Response.noContent().build());
    }

}
