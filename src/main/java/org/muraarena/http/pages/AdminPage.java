package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.muraarena.competition.admin.OrganizerOperations;
import org.muraarena.competition.admin.QueueSnapshot;
import org.muraarena.core.Refusal;
import org.muraarena.http.security.CurrentCaller;
import org.muraarena.http.security.Roles;

/**
 * The organizer's page: the queue, the workers with their last heartbeat, the audit log, and the
 * cancel / re-queue / re-score buttons. Forms post with the session cookie (SameSite=Strict) and
 * the session's CSRF token; a post whose Origin is another site is refused as well. A team sees
 * a 404, as for anything else that is not theirs.
 */
@Path("/admin")
@RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
@Produces(MediaType.TEXT_HTML)
public class AdminPage {
    static final String ACTOR = "organizer (page)";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance admin(QueueSnapshot.View view, String notice, String problem, String csrf);
    }

    private final CurrentCaller caller;
    private final QueueSnapshot snapshot;
    private final OrganizerOperations operations;

    public AdminPage(CurrentCaller caller, QueueSnapshot snapshot, OrganizerOperations operations) {
        this.caller = caller;
        this.snapshot = snapshot;
        this.operations = operations;
    }

    @GET
    public Response page(@QueryParam("done") String done, @QueryParam("id") Long id, @QueryParam("problem") String problem) {
        if (!caller.get().organizer()) {
            return Pages.notFoundResponse("this page");
        }
        return Response.ok(Templates.admin(snapshot.now(), notice(done, id), problem, caller.csrf().orElse(""))).build();
    }

    @POST
    @Path("/evaluations/{id}/cancel")
    public Response cancel(@FormParam("csrf") String csrf, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("id") long id) {
        return act(csrf, origin, host, "cancelled", id, () -> operations.cancel(id, ACTOR));
    }

    @POST
    @Path("/evaluations/{id}/requeue")
    public Response requeue(@FormParam("csrf") String csrf, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host, @PathParam("id") long id) {
        return act(csrf, origin, host, "requeued", id, () -> {
            operations.requeue(id, ACTOR);
        });
    }

    @POST
    @Path("/publish")
    public Response publish(@FormParam("csrf") String csrf, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        return act(csrf, origin, host, "published", null, () -> operations.publish(ACTOR));
    }

    @POST
    @Path("/rescore")
    public Response rescore(@FormParam("csrf") String csrf, @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        return act(csrf, origin, host, "rescored", null, () -> operations.rescore(ACTOR));
    }

    private Response act(String csrf, String origin, String host, String done, Long id, Runnable action) {
        if (!caller.get().organizer()) {
            return Pages.notFoundResponse("this page");
        }
        if (!PageSession.sameOrigin(origin, host) || !caller.formIsGenuine(csrf)) {
            return Response.status(403).type(MediaType.TEXT_PLAIN).entity("cross-site form posts are refused").build();
        }
        try {
            action.run();
        } catch (Refusal e) {
            return back("problem=" + java.net.URLEncoder.encode(e.getMessage(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return back("done=" + done + (id == null ? "" : "&id=" + id));
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
            case "published" -> "The board is published: everyone sees it live again.";
            default -> null;
        };
    }
}
