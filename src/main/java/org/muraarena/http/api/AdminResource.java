package org.muraarena.http.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.muraarena.competition.admin.OrganizerOperations;
import org.muraarena.competition.admin.QueueSnapshot;
import org.muraarena.http.security.Authenticator;
import org.muraarena.competition.submission.Evaluation;

/** Organizer operations on the queue and the scores; every change lands in the audit log. */
@Path("/api/admin")
public class AdminResource {
    static final String ACTOR = "organizer (API)";

    private final Authenticator auth;
    private final OrganizerOperations operations;
    private final QueueSnapshot snapshot;

    public AdminResource(Authenticator auth, OrganizerOperations operations, QueueSnapshot snapshot) {
        this.auth = auth;
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
    public QueueSnapshot.View queue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.organizer(authorization);
        return snapshot.now();
    }

    @POST
    @Path("/evaluations/{id}/cancel")
    public Changed cancel(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        auth.organizer(authorization);
        return Changed.of(operations.cancel(id, ACTOR));
    }

    @POST
    @Path("/evaluations/{id}/requeue")
    public Changed requeue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        auth.organizer(authorization);
        Changed changed = Changed.of(operations.requeue(id, ACTOR));
        return changed;
    }

    @POST
    @Path("/rescore")
    public OrganizerOperations.Rescore rescore(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.organizer(authorization);
        return operations.rescore(ACTOR);
    }
}
