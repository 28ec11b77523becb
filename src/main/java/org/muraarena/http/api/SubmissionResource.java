package org.muraarena.http.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import org.muraarena.core.ApiException;
import jakarta.annotation.security.RolesAllowed;
import org.muraarena.http.security.CurrentCaller;
import org.muraarena.http.security.Roles;
import org.muraarena.http.security.Caller;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.submission.SubmissionService;
import org.muraarena.competition.submission.SubmissionView;
import org.muraarena.competition.team.Team;

@Path("/api/submissions")
public class SubmissionResource {
    private final CurrentCaller caller;
    private final SubmissionService submissions;

    public SubmissionResource(CurrentCaller caller, SubmissionService submissions) {
        this.caller = caller;
        this.submissions = submissions;
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
            throw new ApiException(400, "the multipart field 'artifact' (the model file) is missing");
        }
        if (manifest == null || manifest.isBlank()) {
            throw new ApiException(400, "the multipart field 'manifest' (JSON) is missing");
        }
        Submission submission = submissions.upload(team, artifact.uploadedFile(), manifest);
        return Response.accepted(new Accepted(submission.id, "QUEUED", submission.kind.name())).build();
    }

    @GET
    @RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
    public List<SubmissionView> list() {
        Caller caller = this.caller.get();
        return QuarkusTransaction.requiringNew().call(() -> (caller.organizer()
                ? Submission.<Submission>listAll()
                : Submission.<Submission>list("team.id = ?1 order by createdAt desc", caller.team().id))
                .stream().map(s -> SubmissionView.of(s, caller.organizer())).toList());
    }

    @GET
    @RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
    @Path("/{id}")
    public SubmissionView get(@PathParam("id") long id) {
        Caller caller = this.caller.get();
        return QuarkusTransaction.requiringNew().call(() -> {
            Submission submission = caller.organizer() ? Submission.findById(id) : SubmissionService.owned(caller.team(), id);
            if (submission == null) {
                throw ApiException.notFound("submission " + id);
            }
            return SubmissionView.of(submission, caller.organizer());
        });
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
