package org.muraarena.http.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.annotation.security.RolesAllowed;
import org.muraarena.http.security.Roles;
import org.muraarena.competition.team.TeamService;

@Tag(name = "organizer")
@Path("/api/teams")
public class TeamResource {
    private final TeamService teams;

    public TeamResource(TeamService teams) {
        this.teams = teams;
    }

    public record CreateTeam(String name) {
    }

    public record CreatedTeam(long id, String name, String token) {
    }

    @Operation(summary = "Create a team; its token is shown once")
    @APIResponse(responseCode = "201", description = "Created, with the team's token")
    @APIResponse(responseCode = "400", description = "A missing or unprintable name, or one over 64 characters")
    @APIResponse(responseCode = "409", description = "A team of that name exists")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @RolesAllowed(Roles.ORGANIZER)
    @POST
    public Response create(CreateTeam body) {
        TeamService.Created created = teams.create(body == null ? null : body.name());
        return Response.status(201).entity(new CreatedTeam(created.team().id, created.team().name, created.token())).build();
    }
}
