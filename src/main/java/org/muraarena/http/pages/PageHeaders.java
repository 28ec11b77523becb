package org.muraarena.http.pages;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every HTML response, whoever wrote it (a page, a 404, the sign-in redirect): scripts
 * and styles only from this site (the pages have no inline script or style: see arena.js), never
 * inside another site's frame, and no content-type guessing.
 */
@ApplicationScoped
public class PageHeaders {
    static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /**
     * The Swagger UI (Quarkus's) configures itself with an inline script and styles: allowed there
     * only. It shows no team's data, and the API it calls takes bearer tokens, never the page cookie.
     */
    static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            context.addHeadersEndHandler(v -> {
                var headers = context.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                String type = headers.get("Content-Type");
                if (type != null && type.startsWith("text/html")) {
                    headers.set("Content-Security-Policy", context.normalizedPath().startsWith("/q/swagger-ui") ? SWAGGER_CSP : CSP);
                    headers.set("X-Frame-Options", "DENY");
                    headers.set("Referrer-Policy", "same-origin");
                }
            });
            context.next();
        }, 100);
    }
}
