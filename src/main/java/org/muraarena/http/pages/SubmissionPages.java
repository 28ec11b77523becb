package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.muraarena.http.security.Caller;
import org.muraarena.competition.submission.SubmissionView;

/** A team's own submissions (every team's for the organizer), behind the login cookie. */
@Path("/submissions")
@Produces(MediaType.TEXT_HTML)
public class SubmissionPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<SubmissionView> submissions, String who, boolean organizer);

        static native TemplateInstance detail(SubmissionDetail page);
    }

    private final PageSession session;
    private final SubmissionPageService submissions;

    public SubmissionPages(PageSession session, SubmissionPageService submissions) {
        this.session = session;
        this.submissions = submissions;
    }

    @GET
    public Response list(@CookieParam(PageSession.COOKIE) String token) {
        Optional<Caller> caller = session.caller(token);
        if (caller.isEmpty()) {
            return PageSession.toLogin("/submissions");
        }
        Caller c = caller.get();
        String who = c.organizer() ? "the organizer" : c.team().name;
        return Response.ok(Templates.list(submissions.list(c), who, c.organizer())).build();
    }

    @GET
    @Path("/{id}")
    public Response detail(@CookieParam(PageSession.COOKIE) String token, @PathParam("id") long id) {
        Optional<Caller> caller = session.caller(token);
        if (caller.isEmpty()) {
            return PageSession.toLogin("/submissions/" + id);
        }
        return submissions.detail(caller.get(), id).map(page -> Response.ok(Templates.detail(page)).build())
                .orElseGet(() -> Pages.notFoundResponse("submission " + id));
    }
}
