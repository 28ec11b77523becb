package org.muraarena.http.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.muraarena.core.Refusal;
import org.muraarena.http.security.Authenticator;
import org.muraarena.http.security.Caller;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.submission.SubmissionService;
import org.muraarena.competition.submission.SubmissionView;
import org.muraarena.competition.submission.SubmissionViews;
import org.muraarena.competition.team.Team;

@Path("/api/submissions")
public class SubmissionResource {
    private final Authenticator auth;
    private final SubmissionService submissions;
    private final SubmissionViews views;

    public SubmissionResource(Authenticator auth, SubmissionService submissions, SubmissionViews views) {
        this.auth = auth;
        this.submissions = submissions;
        this.views = views;
    }

    public record Accepted(long id, String status, String kind) {
    }

    public record TagRequest(String tag) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RestForm("artifact") FileUpload artifact, @RestForm("manifest") String manifest) {
        Team team = auth.team(authorization);
        if (artifact == null || artifact.uploadedFile() == null) {
            throw new Refusal.InvalidInput("the multipart field 'artifact' (the model file) is missing");
        }
        if (manifest == null || manifest.isBlank()) {
            throw new Refusal.InvalidInput("the multipart field 'manifest' (JSON) is missing");
        }
        Submission submission = submissions.upload(team, artifact.uploadedFile(), manifest);
        return Response.accepted(new Accepted(submission.id, "QUEUED", submission.kind.name())).build();
    }

    @GET
    public List<SubmissionView> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = auth.caller(authorization);
        return caller.organizer() ? views.all() : views.ofTeam(caller.team());
    }

    @GET
    @Path("/{id}")
    public SubmissionView get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        Caller caller = auth.caller(authorization);
        return (caller.organizer() ? views.forOrganizer(id) : views.forTeam(caller.team(), id))
                .orElseThrow(() -> new Refusal.NotFound("submission " + id));
    }

    @POST
    @Path("/{id}/tag")
    public Response tag(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id, TagRequest body) {
        Team team = auth.team(authorization);
        Evaluation hidden = submissions.tag(team, id, body == null ? null : body.tag());
        return Response.accepted(new Accepted(id, hidden.status().name(), "HIDDEN")).build();
    }
}
