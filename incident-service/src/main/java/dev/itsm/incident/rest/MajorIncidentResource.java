package dev.itsm.incident.rest;

import dev.itsm.contracts.RoleCode;
import dev.itsm.incident.domain.IncidentPolicy;
import dev.itsm.incident.domain.IncidentService;
import dev.itsm.incident.domain.IncidentStep;
import dev.itsm.incident.domain.MajorIncidents;
import dev.itsm.incident.repository.MajorIncidentRows;
import dev.itsm.kit.domain.ApiProblem;
import dev.itsm.kit.rest.Page;
import dev.itsm.kit.rest.PageRequest;
import dev.itsm.kit.security.CurrentActor;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A major incident: declared by an Incident Manager, its seed roles filled from the directory, stakeholder updates
 * sent along the way, and closed by its post-incident review. The Scribe keeps the record with work notes.
 */
@Path("/api/incidents/{id}/major")
@Authenticated
@Tag(name = "Major incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MajorIncidentResource {
    private final MajorIncidents majors;
    private final IncidentService incidents;
    private final MajorIncidentRows rows;
    private final CurrentActor actor;
    private final Pool pool;
    private final Clock clock;

    MajorIncidentResource(MajorIncidents majors, IncidentService incidents, MajorIncidentRows rows, CurrentActor actor, Pool pool,
                          Clock clock) {
        this.majors = majors;
        this.incidents = incidents;
        this.rows = rows;
        this.actor = actor;
        this.pool = pool;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Declare a major incident (Incident Manager). Roles may be named (role code → person id), the"
            + " others are filled from the directory; the restoration team defaults to the directory's restoration groups.")
    public Uni<IncidentView> declare(@PathParam("id") UUID id, @Valid @NotNull Requests.DeclareMajor request) {
        IncidentPolicy.POLICY.require(actor.get(), IncidentStep.DECLARE_MAJOR);
        Map<RoleCode, String> named = new LinkedHashMap<>();
        if (request.roles() != null) {
            request.roles().forEach((role, person) -> named.put(RoleCode.parse(role).orElseThrow(() -> ApiProblem.unprocessable(
                    "'" + role + "' is not a role code; a major incident's roles are INCIDENT_MANAGER, IT_COMMUNICATIONS, SCRIBE,"
                            + " LIAISON, OUTAGE_COORDINATOR")), person.strip()));
        }
        List<String> team = request.restorationTeam() == null ? List.of() : request.restorationTeam().stream().map(String::strip).toList();
        return majors.declare(id, new MajorIncidents.Declaration(request.reason(), named, team), actor.get())
                .map(incident -> IncidentView.of(incident, clock.instant()));
    }

    @GET
    @Operation(summary = "The major incident: declaration, team, unfilled roles and review")
    public Uni<MajorIncidentView> get(@PathParam("id") UUID id) {
        return incidents.get(id).chain(incident -> rows.find(pool, id))
                .map(found -> found.map(MajorIncidentView::of).orElseThrow(() -> ApiProblem.notFound("major incident", id)));
    }

    @POST
    @Path("updates")
    @Operation(summary = "Post a stakeholder update (IT Communications, Liaison, Incident Manager); it is recorded and sent")
    public Uni<IncidentView> postUpdate(@PathParam("id") UUID id, @Valid @NotNull Requests.StakeholderUpdate request) {
        return majors.postUpdate(id, request.message(), actor.get()).map(incident -> IncidentView.of(incident, clock.instant()));
    }

    @GET
    @Path("updates")
    @Operation(summary = "The stakeholder updates, oldest first")
    public Uni<Page<MajorIncidentView.UpdateView>> updates(@PathParam("id") UUID id, @Valid @BeanParam PageRequest paging) {
        return incidents.get(id).chain(incident -> rows.updates(pool, id, paging.page, paging.size))
                .map(page -> page.map(MajorIncidentView.UpdateView::of));
    }

    @POST
    @Path("review")
    @Operation(summary = "Record the post-incident review (Incident Manager, Outage Coordinator); it closes the resolved incident")
    public Uni<IncidentView> review(@PathParam("id") UUID id, @Valid @NotNull Requests.Review request) {
        return majors.review(id, new MajorIncidents.Review(request.summary(), request.contributingFactors(),
                        request.actions() == null ? List.of() : request.actions().stream().map(Requests.Action::toDomain).toList()),
                actor.get()).map(incident -> IncidentView.of(incident, clock.instant()));
    }
}
