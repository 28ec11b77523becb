package org.muraarena.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.muraarena.core.Refusal;

/**
 * The one place where refusals become HTTP: each domain {@link Refusal} gets its status (and a
 * {@code Retry-After} for a spent quota), every body is {@code {"error": ...}} plus
 * {@code problems} where there are several.
 */
public class ApiExceptionMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        ObjectNode body = JSON.createObjectNode().put("error", e.getMessage());
        if (!e.problems().isEmpty()) {
            e.problems().forEach(body.putArray("problems")::add);
        }
        Response.ResponseBuilder response = Response.status(status(e)).type(MediaType.APPLICATION_JSON).entity(body);
        if (e instanceof Refusal.QuotaExceeded quota) {
            // Whole seconds, rounded up: a client that waits this long finds the slot open.
            quota.retryAfter().ifPresent(wait -> response.header("Retry-After",
                    Long.toString(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)))));
        }
        return response.build();
    }

    static int status(Refusal e) {
        if (e instanceof Refusal.NotFound) {
            return 404;
        } else if (e instanceof Refusal.Conflict) {
            return 409;
        } else if (e instanceof Refusal.ArtifactTooLarge) {
            return 413;
        } else if (e instanceof Refusal.QuotaExceeded) {
            return 429;
        } else if (e instanceof Refusal.Unauthenticated) {
            return 401;
        } else if (e instanceof Refusal.Forbidden) {
            return 403;
        }
        return 400; // InvalidInput, and any refusal without a more specific status
    }

    /** The framework's own refusals (unknown path, wrong method, body too large) in the same shape. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = status == 413 ? "upload too large" : e.getMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectNode().put("error", message)).build();
    }
}
