package org.muraarena.http.api;

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

    @GET
    @Path("/queue")
    public QueueSnapshot.View queue() {
        return snapshot.now();
    }

    @POST
    @Path("/evaluations/{id}/cancel")
    public Changed cancel(@PathParam("id") long id) {
        return Changed.of(operations.cancel(id, ACTOR));
    }

    @POST
    @Path("/evaluations/{id}/requeue")
    public Changed requeue(@PathParam("id") long id) {
        Changed changed = Changed.of(operations.requeue(id, ACTOR));
        return changed;
    }

    @POST
    @Path("/rescore")
    public OrganizerOperations.Rescore rescore() {
        return operations.rescore(ACTOR);
    }
}
