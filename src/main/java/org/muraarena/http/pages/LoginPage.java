package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Signing in to the pages with a team token (the one {@code POST /api/teams} returned) or the
 * organizer's, and signing out.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, String error);
    }

    private final PageSession session;

    public LoginPage(PageSession session) {
        this.session = session;
    }

    @GET
    @Path("login")
    public TemplateInstance form(@QueryParam("next") String next) {
        return Templates.login(PageSession.landing(next), null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("token") String token, @FormParam("next") String next, @Context UriInfo uri) {
        String landing = PageSession.landing(next);
        String trimmed = token == null ? "" : token.trim();
        if (session.caller(trimmed).isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Templates.login(landing, trimmed.isEmpty() ? "Enter your token." : "That token is not valid."))
                    .build();
        }
        return Response.seeOther(URI.create(landing)).cookie(PageSession.cookie(trimmed, secure(uri))).build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context UriInfo uri) {
        return Response.seeOther(URI.create("/")).cookie(PageSession.expired(secure(uri))).build();
    }

    private static boolean secure(UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }
}
