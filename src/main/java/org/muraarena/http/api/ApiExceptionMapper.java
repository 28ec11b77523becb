package org.muraarena.http.api;

import org.muraarena.core.ApiException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
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

    /** The framework's own refusals (unknown path, wrong method, body too large) in the same shape. */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = status == 413 ? "upload too large" : e.getMessage();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectNode().put("error", message)).build();
    }
}
