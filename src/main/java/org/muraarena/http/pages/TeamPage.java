package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A team's public page: its hidden submissions and their scores. */
@Path("/teams")
public class TeamPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance team(TeamHistory team);
    }

    private final TeamHistoryService teams;

    public TeamPage(TeamHistoryService teams) {
        this.teams = teams;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response get(@PathParam("id") long id) {
        return teams.of(id).map(team -> Response.ok(Templates.team(team)).build())
                .orElseGet(() -> Pages.notFoundResponse("team " + id));
    }
}
