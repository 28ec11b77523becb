package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Templates shared by every page family. */
@CheckedTemplate
final class Pages {
    private Pages() {
    }

    static native TemplateInstance notFound(String what);

    /**
     * A 404 as a page, not the API's JSON: says only that nothing is here, so that another team's
     * submission is indistinguishable from one that does not exist.
     */
    static Response notFoundResponse(String what) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_HTML_TYPE).entity(notFound(what)).build();
    }
}
