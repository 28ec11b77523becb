package org.muraarena.http.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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

@Tag(name = "teams")
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

    @Operation(summary = "Upload a model (ONNX file or Docker image tarball) with its manifest; its dry run is queued")
    @APIResponse(responseCode = "202", description = "Stored; the dry run is queued")
    @APIResponse(responseCode = "400", description = "A bad manifest or artifact; every problem is listed")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @APIResponse(responseCode = "413", description = "The artifact is over its kind's cap")
    @APIResponse(responseCode = "429", description = "Over the daily upload quota; Retry-After in seconds")
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

    @Operation(summary = "The caller's submissions (an organizer's: all), newest first")
    @APIResponse(responseCode = "200", description = "Dry runs in full; hidden runs as the team sees them")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @GET
    @RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
    public List<SubmissionView> list() {
        Caller caller = this.caller.get();
        return caller.organizer() ? views.all() : views.ofTeam(caller.team());
    }

    @Operation(summary = "One submission: its dry run in full, its hidden run as its team sees it (organizers: everything)")
    @APIResponse(responseCode = "200", description = "The submission")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "404", description = "No such submission of this team")
    @GET
    @RolesAllowed({Roles.TEAM, Roles.ORGANIZER})
    @Path("/{id}")
    public SubmissionView get(@PathParam("id") long id) {
        Caller caller = this.caller.get();
        return (caller.organizer() ? views.forOrganizer(id) : views.forTeam(caller.team(), id))
                .orElseThrow(() -> new Refusal.NotFound("submission " + id));
    }

    @Operation(summary = "Tag a submission whose dry run passed for the hidden evaluation (tag: mura-submit)")
    @APIResponse(responseCode = "202", description = "The hidden run is queued")
    @APIResponse(responseCode = "400", description = "Another tag")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @APIResponse(responseCode = "404", description = "No such submission of this team")
    @APIResponse(responseCode = "409", description = "The dry run has not passed, or it is tagged already")
    @APIResponse(responseCode = "429", description = "Over the tag quota (Retry-After in seconds), or the team's compute budget is spent (no Retry-After)")
    @POST
    @RolesAllowed(Roles.TEAM)
    @Path("/{id}/tag")
    public Response tag(@PathParam("id") long id, TagRequest body) {
        Team team = caller.team();
        Evaluation hidden = submissions.tag(team, id, body == null ? null : body.tag());
        return Response.accepted(new Accepted(id, hidden.status().name(), "HIDDEN")).build();
    }
}
