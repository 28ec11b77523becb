package org.muraarena.admin.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.muraarena.admin.OrganizerOperations;
import org.muraarena.admin.QueueSnapshot;
import org.muraarena.auth.Authenticator;
import org.muraarena.job.Evaluation;
import org.muraarena.job.EvaluationWorker;

/** Organizer operations on the queue and the scores; every change lands in the audit log. */
@Path("/api/admin")
public class AdminResource {
    static final String ACTOR = "organizer (API)";

    private final Authenticator auth;
    private final OrganizerOperations operations;
    private final QueueSnapshot snapshot;
    private final EvaluationWorker worker;

    public AdminResource(Authenticator auth, OrganizerOperations operations, QueueSnapshot snapshot, EvaluationWorker worker) {
        this.auth = auth;
        this.operations = operations;
        this.snapshot = snapshot;
        this.worker = worker;
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
        worker.wakeUp();
        return changed;
    }

    @POST
    @Path("/rescore")
    public OrganizerOperations.Rescore rescore(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.organizer(authorization);
        return operations.rescore(ACTOR);
    }
}
