package org.muraarena.http.api;

import org.muraarena.core.ApiException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.List;
import org.muraarena.http.security.Roles;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON {@code {"error": ...}} with its 4xx status. */
public class ApiExceptionMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        ObjectNode body = JSON.createObjectNode().put("error", e.getMessage());
        if (!e.problems().isEmpty()) {
            e.problems().forEach(body.putArray("problems")::add);
        }
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body);
        e.headers().forEach(response::header);
        return response.build();
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

    /** The framework's own refusals (unknown path, wrong method, body too large) in the same shape. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = status == 413 ? "upload too large" : e.getMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectNode().put("error", message)).build();
    }
}
