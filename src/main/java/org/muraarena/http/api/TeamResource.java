package org.muraarena.http.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.muraarena.http.security.Authenticator;
import org.muraarena.competition.team.TeamService;

@Path("/api/teams")
public class TeamResource {
    private final Authenticator auth;
    private final TeamService teams;

    public TeamResource(Authenticator auth, TeamService teams) {
        this.auth = auth;
        this.teams = teams;
    }

    public record CreateTeam(String name) {
    }

    public record CreatedTeam(long id, String name, String token) {
    }

    @POST
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, CreateTeam body) {
        auth.organizer(authorization);
        TeamService.Created created = teams.create(body == null ? null : body.name());
        return Response.status(201).entity(new CreatedTeam(created.team().id, created.team().name, created.token())).build();
    }
}
