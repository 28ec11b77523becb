package org.muraarena.http.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.muraarena.core.Refusal;
import jakarta.annotation.security.RolesAllowed;
import org.muraarena.http.security.CurrentCaller;
import org.muraarena.http.security.Roles;
import org.muraarena.http.security.Caller;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.submission.SubmissionService;
import org.muraarena.competition.submission.SubmissionView;
import org.muraarena.competition.submission.SubmissionViews;
import org.muraarena.competition.team.Team;

@Path("/api/submissions")
public class SubmissionResource {
    private final CurrentCaller caller;
    private final SubmissionService submissions;
    private final SubmissionViews views;

    public SubmissionResource(CurrentCaller caller, SubmissionService submissions, SubmissionViews views) {
        this.caller = caller;
        this.submissions = submissions;
        this.views = views;
    }

    public record Accepted(long id, String status, String kind) {
    }

    public record TagRequest(String tag) {
    }

    @POST
    @RolesAllowed(Roles.TEAM)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("artifact") FileUpload artifact, MultipartFormDataInput form) {
        String manifest = ManifestPart.read(form);
        Team team = caller.team();
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
    @RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
    public List<SubmissionView> list() {
        Caller caller = this.caller.get();
        return caller.organizer() ? views.all() : views.ofTeam(caller.team());
    }

    @GET
    @RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
    @Path("/{id}")
    public SubmissionView get(@PathParam("id") long id) {
        Caller caller = this.caller.get();
        return (caller.organizer() ? views.forOrganizer(id) : views.forTeam(caller.team(), id))
                .orElseThrow(() -> new Refusal.NotFound("submission " + id));
    }

    @POST
    @RolesAllowed(Roles.TEAM)
    @Path("/{id}/tag")
    public Response tag(@PathParam("id") long id, TagRequest body) {
        Team team = caller.team();
        Evaluation hidden = submissions.tag(team, id, body == null ? null : body.tag());
        return Response.accepted(new Accepted(id, hidden.status().name(), "HIDDEN")).build();
    }
}
