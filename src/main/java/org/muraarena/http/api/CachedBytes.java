package org.muraarena.http.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Answers with bytes computed earlier and their strong ETag: 304 with no body when the client's
 * {@code If-None-Match} names the tag (or is {@code *}), else 200 with the bytes. Both carry
 * {@code Cache-Control: public, no-cache}: any cache may keep the bytes but must ask again before
 * each use, which costs a 304; so no reader sees a board older than the server's (docs/DESIGN.md).
 */
public final class CachedBytes {
    public static final String CACHE_CONTROL = "public, no-cache";

    private CachedBytes() {
    }

    public static Response.ResponseBuilder respond(byte[] bytes, String etag, String mediaType, String ifNoneMatch) {
        Response.ResponseBuilder response = matches(ifNoneMatch, etag) ? Response.notModified() : Response.ok(bytes, mediaType);
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }

    /**
     * Whether an {@code If-None-Match} value names {@code etag}: {@code *}, or a comma-separated list
     * of tags compared weakly, as RFC 9110 (13.1.2) says for this header ({@code W/"x"} matches {@code "x"}).
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
