package org.muraarena.http.api;

import io.netty.buffer.Unpooled;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.muraarena.competition.leaderboard.BoardSnapshot;
import org.muraarena.core.Refusal;

/**
 * Bytes computed once (a board's JSON, CSV or page) in a direct buffer that every response writes
 * as it is, with a strong ETag (the first 128 bits of their SHA-256, so every process sending the
 * same bytes gives the same tag). Sent from a Vert.x route on the event loop, without a copy or
 * a resource method in between: a 304 with no body when {@code If-None-Match} names the tag (or is
 * {@code *}), else a 200. Both carry {@code Cache-Control: public, no-cache}: any cache may keep the
 * bytes but must ask again before each use, which costs a 304, so no reader sees a board older than
 * the server's (docs/DESIGN.md).
 *
 * @param generation the board these bytes belong to ({@code BoardSnapshot.generation()})
 */
public record CachedBytes(long generation, Buffer body, String etag, String mediaType) {
    public static final String CACHE_CONTROL = "public, no-cache";

    /** Bytes tagged with their own hash. */
    public static CachedBytes of(long generation, byte[] bytes, String mediaType) {
        return of(generation, bytes, etag(bytes), mediaType);
    }

    /** Bytes whose tag is known already ({@code BoardSnapshot} tags its JSON and CSV the same way). */
    public static CachedBytes of(long generation, byte[] bytes, String etag, String mediaType) {
        // unreleasable: Netty would otherwise free the buffer after the first response that writes it
        Buffer body = Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes)));
        return new CachedBytes(generation, body, etag, mediaType);
    }

    /** A strong entity tag: the first 128 bits of the bytes' SHA-256, quoted ({@link BoardSnapshot#etag}). */
    public static String etag(byte[] bytes) {
        return BoardSnapshot.etag(bytes);
    }

    /** Sends these bytes, or a 304. */
    public void send(RoutingContext context) {
        HttpServerResponse response = context.response().putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        if (matches(context.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatusCode(304).end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, mediaType).end(body);
        }
    }

    /**
     * Answers with the bytes {@code toBytes} makes of the board once {@code board} completes (at once
     * when it already has), or with the refusal it failed with, as the API's JSON error.
     */
    public static <T> void send(RoutingContext context, CompletionStage<T> board, Function<T, CachedBytes> toBytes) {
        board.whenComplete((value, failure) -> {
            if (failure == null) {
                toBytes.apply(value).send(context);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            boolean refused = cause instanceof Refusal.Unavailable;
            if (!refused) {
                Log.errorf(cause, "cannot send the board: %s", cause);
            }
            context.response().setStatusCode(refused ? 503 : 500).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("Retry-After", "1").end(ApiExceptionMapper.errorJson(refused ? cause.getMessage() : "internal error"));
        });
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
