package org.muraarena.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.muraarena.http.security.ArenaAuthMechanism;
import org.muraarena.http.security.Roles;
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
    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        ObjectNode body = JSON.createObjectNode().put("error", e.getMessage());
        if (!e.problems().isEmpty()) {
            e.problems().forEach(body.putArray("problems")::add);
        }
        Response.ResponseBuilder response = Response.status(status(e)).type(MediaType.APPLICATION_JSON).entity(body);
        if (e instanceof Refusal.Unavailable) {
            response.header("Retry-After", "1");
        }
        if (e instanceof Refusal.QuotaExceeded quota) {
            // Whole seconds, rounded up: a client that waits this long finds the slot open.
            quota.retryAfter().ifPresent(wait -> response.header("Retry-After",
                    Long.toString(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)))));
        }
        return response.build();
    }

    /** The API's error body, for answers written outside a resource (the board's routes). */
    static String errorJson(String message) {
        return JSON.createObjectNode().put("error", message).toString();
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
        } else if (e instanceof Refusal.Unavailable) {
            return 503;
        }
        return 400; // InvalidInput, and any refusal without a more specific status
    }

    /**
     * No credentials where {@code @RolesAllowed} wants some. The HTTP permission check answers most
     * of these before a body is read; this keeps the same answers for anything it does not cover:
     * the API's JSON 401, and the pages' trip to the sign-in form.
     */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/api") || path.startsWith("/api/")) {
            return Response.status(401).type(MediaType.APPLICATION_JSON).header("WWW-Authenticate", "Bearer")
                    .entity(ArenaAuthMechanism.UNAUTHORIZED_JSON).build();
        }
        return Response.seeOther(URI.create(ArenaAuthMechanism.toLogin(request.uri()))).build();
    }

    /**
     * A caller with the wrong role. The messages say which token the call needs; which one comes
     * from the method's {@code @RolesAllowed}.
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        RolesAllowed allowed = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        List<String> roles = allowed == null ? List.of() : List.of(allowed.value());
        String message = roles.equals(List.of(Roles.ORGANIZER)) ? "only the organizer may do this"
                : roles.equals(List.of(Roles.TEAM)) ? "this call needs a team token, not the organizer's"
                : roles.equals(List.of(Roles.WORKER)) ? "only workers (ARENA_WORKER_TOKEN) and the organizer may fetch artifacts"
                : "this token may not do this";
        return Response.status(403).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectNode().put("error", message)).build();
    }

    /**
     * A body that could not be read: a multipart upload whose closing boundary never came is the
     * client's fault (400). Other I/O failures are the server's, logged with the id the client sees.
     */
    @ServerExceptionMapper
    public Response unreadable(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("multipart")) {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(JSON.createObjectNode().put("error", "the multipart body ended early: " + message)).build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "I/O failure %s", id);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectNode().put("error", "internal I/O error " + id)).build();
    }

    /** The framework's own refusals (unknown path, wrong method, body too large) in the same shape. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = e.getMessage();
        if (status == 413) {
            // the multipart parser's refusal of a form field past quarkus.http.limits.max-form-attribute-size
            // (whole bodies past their limit never get this far: UploadGate and the HTTP layer answer them)
            status = 400;
            message = "a multipart form field is at most " + ManifestPart.MAX_BYTES
                    + " bytes (the manifest's cap); the artifact goes in a file part";
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectNode().put("error", message)).build();
    }
}
