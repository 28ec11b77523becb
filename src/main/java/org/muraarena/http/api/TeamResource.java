package org.muraarena.http.api;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.annotation.security.RolesAllowed;
import org.muraarena.http.security.Roles;
import org.muraarena.competition.team.TeamService;

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

    @RolesAllowed(Roles.ORGANIZER)
    @POST
    public Response create(CreateTeam body) {
        TeamService.Created created = teams.create(body == null ? null : body.name());
        return Response.status(201).entity(new CreatedTeam(created.team().id, created.team().name, created.token())).build();
    }
}
