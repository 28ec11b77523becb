package org.muraarena.http.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.muraarena.core.Refusal;
import jakarta.annotation.security.RolesAllowed;
import org.muraarena.http.security.Roles;
import org.muraarena.competition.submission.ArtifactStore;

/** Where worker processes on other machines fetch artifacts, by content hash (they check it). */
@Tag(name = "workers")
@Path("/api/artifacts")
public class ArtifactResource {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ArtifactStore store;

    public ArtifactResource(ArtifactStore store) {
        this.store = store;
    }

    @Operation(summary = "An artifact by content hash, for worker processes")
    @APIResponse(responseCode = "200", description = "The artifact's bytes")
    @APIResponse(responseCode = "400", description = "Not a sha256")
    @APIResponse(responseCode = "401", description = "No token, or a token the server does not know")
    @APIResponse(responseCode = "403", description = "The token's role may not do this")
    @APIResponse(responseCode = "404", description = "No such artifact")
    @RolesAllowed(Roles.WORKER)
    @GET
    @Path("{sha256}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response get(@PathParam("sha256") String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new Refusal.InvalidInput("an artifact is named by its sha256: 64 lowercase hex digits");
        }
        java.nio.file.Path file = store.path(sha256);
        if (!Files.isRegularFile(file)) {
            throw new Refusal.NotFound("artifact " + sha256);
        }
        return Response.ok(file.toFile()).header("X-Content-SHA256", sha256).build();
    }
}
