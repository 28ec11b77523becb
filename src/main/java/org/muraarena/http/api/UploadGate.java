package org.muraarena.http.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.muraarena.core.ArenaConfig;

/**
 * Refuses an upload announced larger than any artifact may be (the largest per-kind cap plus room
 * for the manifest and the multipart framing) from its Content-Length, before a byte of the body
 * is read. The exact cap of the kind named in the manifest can only be checked once the body is
 * read; the global {@code quarkus.http.limits.max-body-size} stays as the backstop for bodies
 * sent without a length. It runs after authentication (a wrong token is a 401 already) but
 * before the permission check that refuses anonymous callers, so it leaves those to it.
 */
@ApplicationScoped
public class UploadGate {
    /** Manifest, part headers and boundaries: far more than a manifest's own cap needs. */
    static final long FRAMING_ALLOWANCE = 1L << 20;

    private final long limit;

    public UploadGate(ArenaConfig config) {
        this.limit = Math.max(config.uploads().maxOnnxBytes(), config.uploads().maxContainerBytes()) + FRAMING_ALLOWANCE;
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            // without a token the permission check refuses the upload (401), as unread
            if (context.request().method() == HttpMethod.POST && "/api/submissions".equals(context.normalizedPath())
                    && context.request().getHeader(HttpHeaders.AUTHORIZATION) != null && length != null && tooLarge(length)) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        // the body stays unread: the connection cannot carry another request
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"error\":\"the upload is " + length + " bytes; an upload is at most " + limit
                                + " bytes (the largest artifact allowed plus its manifest)\"}");
                return;
            }
            context.next();
        }, 200);
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // vert.x itself refuses a malformed length
        }
    }
}
