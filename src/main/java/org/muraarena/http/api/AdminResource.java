package org.muraarena.http.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.muraarena.competition.admin.OrganizerOperations;
import org.muraarena.competition.admin.QueueSnapshot;
import jakarta.annotation.security.RolesAllowed;
import org.muraarena.http.security.Roles;
import org.muraarena.competition.submission.Evaluation;

/** Organizer operations on the queue and the scores; every change lands in the audit log. */
@RolesAllowed(Roles.ORGANIZER)
@Tag(name = "organizer")
@Path("/api/admin")
public class AdminResource {
    static final String ACTOR = "organizer (API)";

    private final OrganizerOperations operations;
    private final QueueSnapshot snapshot;

    public AdminResource(OrganizerOperations operations, QueueSnapshot snapshot) {
        this.operations = operations;
        this.snapshot = snapshot;
    }

    public record Changed(long id, String status, int attempt) {
        static Changed of(Evaluation e) {
            return new Changed(e.id, e.status().name(), e.attempt);
        }
    }

    @Operation(summary = "The queue, the workers with their heartbeats, and the audit log")
    @APIResponse(responseCode = "200", description = "The queue now")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @GET
    @Path("/queue")
    public QueueSnapshot.View queue() {
        return snapshot.now();
    }

    @Operation(summary = "Cancel a queued or running evaluation")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @APIResponse(responseCode = "404", description = "No such evaluation")
    @APIResponse(responseCode = "409", description = "It has finished already")
    @POST
    @Path("/evaluations/{id}/cancel")
    public Changed cancel(@PathParam("id") long id) {
        return Changed.of(operations.cancel(id, ACTOR));
    }

    @Operation(summary = "Put a failed, cancelled or stuck evaluation back in the queue")
    @APIResponse(responseCode = "200", description = "Queued again")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @APIResponse(responseCode = "404", description = "No such evaluation")
    @APIResponse(responseCode = "409", description = "It succeeded (re-score instead) or is queued")
    @POST
    @Path("/evaluations/{id}/requeue")
    public Changed requeue(@PathParam("id") long id) {
        Changed changed = Changed.of(operations.requeue(id, ACTOR));
        return changed;
    }

    @Operation(summary = "Score every hidden result again against the hidden labels as they are now; replays the Ladder")
    @APIResponse(responseCode = "200", description = "What changed")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @POST
    @Path("/rescore")
    public OrganizerOperations.Rescore rescore() {
        return operations.rescore(ACTOR);
    }

    public record Published(java.time.Instant publishedAt) {
    }

    @Operation(summary = "Publish the board after its freeze (arena.competition.freeze-at): everyone sees it live again")
    @APIResponse(responseCode = "200", description = "Published")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @APIResponse(responseCode = "409", description = "No freeze, the freeze has not come yet, or published already")
    @POST
    @Path("/publish")
    public Published publish() {
        return new Published(operations.publish(ACTOR));
    }
}
