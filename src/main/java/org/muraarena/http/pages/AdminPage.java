package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.muraarena.competition.admin.OrganizerOperations;
import org.muraarena.competition.admin.QueueSnapshot;
import org.muraarena.core.Refusal;
import org.muraarena.http.security.Caller;

/**
 * The organizer's page: the queue, the workers with their last heartbeat, the audit log, and the
 * cancel / re-queue / re-score buttons. Forms post with the session cookie (SameSite=Strict), and
 * a post whose Origin is another site is refused as well.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPage {
    static final String ACTOR = "organizer (page)";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(QueueSnapshot.View view, String notice, String problem);
    }

    private final PageSession session;
    private final QueueSnapshot snapshot;
    private final OrganizerOperations operations;

    public AdminPage(PageSession session, QueueSnapshot snapshot, OrganizerOperations operations) {
        this.session = session;
        this.snapshot = snapshot;
        this.operations = operations;
    }

    @GET
    public Response page(@CookieParam(PageSession.COOKIE) String token, @QueryParam("done") String done,
            @QueryParam("id") Long id, @QueryParam("problem") String problem) {
        Optional<Caller> caller = session.caller(token);
        if (caller.isEmpty()) {
            return PageSession.toLogin("/admin");
        }
        if (!caller.get().organizer()) {
            return Pages.notFoundResponse("this page");
        }
        return Response.ok(Templates.admin(snapshot.now(), notice(done, id), problem)).build();
    }

    @POST
    @Path("/evaluations/{id}/cancel")
    public Response cancel(@CookieParam(PageSession.COOKIE) String token, @HeaderParam("Origin") String origin,
            @Context UriInfo uri, @PathParam("id") long id) {
        return act(token, origin, uri, "cancelled", id, () -> operations.cancel(id, ACTOR));
    }

    @POST
    @Path("/evaluations/{id}/requeue")
    public Response requeue(@CookieParam(PageSession.COOKIE) String token, @HeaderParam("Origin") String origin,
            @Context UriInfo uri, @PathParam("id") long id) {
        return act(token, origin, uri, "requeued", id, () -> {
            operations.requeue(id, ACTOR);
        });
    }

    @POST
    @Path("/rescore")
    public Response rescore(@CookieParam(PageSession.COOKIE) String token, @HeaderParam("Origin") String origin,
            @Context UriInfo uri) {
        return act(token, origin, uri, "rescored", null, () -> operations.rescore(ACTOR));
    }

    private Response act(String token, String origin, UriInfo uri, String done, Long id, Runnable action) {
        Optional<Caller> caller = session.caller(token);
        if (caller.isEmpty() || !caller.get().organizer()) {
            return Pages.notFoundResponse("this page");
        }
        if (origin != null && !sameSite(origin, uri)) {
            return Response.status(403).type(MediaType.TEXT_PLAIN).entity("cross-site form posts are refused").build();
        }
        try {
            action.run();
        } catch (Refusal e) {
            return back("problem=" + java.net.URLEncoder.encode(e.getMessage(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return back("done=" + done + (id == null ? "" : "&id=" + id));
    }

    private static boolean sameSite(String origin, UriInfo uri) {
        URI base = uri.getBaseUri();
        String expected = base.getScheme() + "://" + base.getAuthority();
        return origin.equals(expected);
    }

    private static Response back(String query) {
        return Response.seeOther(URI.create("/admin?" + query)).build();
    }

    private static String notice(String done, Long id) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "cancelled" -> "Evaluation " + id + " cancelled.";
            case "requeued" -> "Evaluation " + id + " queued again.";
            case "rescored" -> "Hidden results re-scored against the current labels (see the audit log).";
            default -> null;
        };
    }
}
