package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.muraarena.competition.submission.ExplanationPictures;
import org.muraarena.http.security.Caller;
import org.muraarena.http.security.CurrentCaller;
import org.muraarena.http.security.Roles;
import org.muraarena.competition.submission.SubmissionView;

/** A team's own submissions (every team's for the organizer), behind a page session (anyone else is sent to sign in). */
@Path("/submissions")
@RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
@Produces(MediaType.TEXT_HTML)
public class SubmissionPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<SubmissionView> submissions, String who, boolean organizer, String csrf);

        static native TemplateInstance detail(SubmissionDetail page);
    }

    private final CurrentCaller caller;
    private final ExplanationPictures pictures;
    private final SubmissionPageService submissions;

    public SubmissionPages(CurrentCaller caller, SubmissionPageService submissions, ExplanationPictures pictures) {
        this.pictures = pictures;
        this.caller = caller;
        this.submissions = submissions;
    }

    @GET
    public Response list() {
        Caller c = caller.get();
        String who = c.organizer() ? "the organizer" : c.team().name;
        return Response.ok(Templates.list(submissions.list(c), who, c.organizer(), caller.csrf().orElse(""))).build();
    }

    @GET
    @Path("/{id}")
    public Response detail(@PathParam("id") long id) {
        return submissions.detail(caller.get(), id).map(page -> Response.ok(Templates.detail(page)).build())
                .orElseGet(() -> Pages.notFoundResponse("submission " + id));
    }

    /**
     * A picture of the dry run's explanations: {@code overlay.png}, {@code map.png} or the plain
     * radiograph {@code image.png}; 404 for anything the caller may not see.
     */
    @GET
    @Path("/{id}/explanations/{position}/{picture:overlay|map|image}.png")
    @Produces("image/png")
    public Response explanation(@PathParam("id") long id, @PathParam("position") int position,
            @PathParam("picture") String picture) {
        Caller c = caller.get();
        ExplanationPictures.Kind kind = ExplanationPictures.Kind.valueOf(picture.toUpperCase(java.util.Locale.ROOT));
        return pictures.png(c.organizer() ? null : c.team(), id, position, kind)
                .map(png -> Response.ok(png, "image/png").header("Cache-Control", "private, max-age=300").build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                        .entity("no such explanation picture").build());
    }
}
