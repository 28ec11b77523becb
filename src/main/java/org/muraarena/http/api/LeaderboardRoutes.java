package org.muraarena.http.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.muraarena.competition.leaderboard.BoardSnapshot;
import org.muraarena.competition.leaderboard.LeaderboardService;
import org.muraarena.http.security.Roles;

/**
 * The public leaderboard as JSON ({@code GET /api/leaderboard}) and CSV ({@code GET
 * /api/leaderboard.csv}): the board's bytes, written when it was built, sent by plain Vert.x routes
 * on the event loop ({@link CachedBytes}). A board is a few bytes to send and nothing to compute, so
 * no resource method, body writer or worker thread stands between the request and the bytes.
 */
@ApplicationScoped
public class LeaderboardRoutes {
    static final String CSV_FILE = "attachment; filename=\"mura-arena-leaderboard.csv\"";

    private final LeaderboardService leaderboard;
    private volatile CachedBytes json = new CachedBytes(-1, null, "", "");
    private volatile CachedBytes csv = new CachedBytes(-1, null, "", "");

    public LeaderboardRoutes(LeaderboardService leaderboard) {
        this.leaderboard = leaderboard;
    }

    void routes(@Observes Router router) {
        // Organizers see the live board while the public one is frozen (arena.competition.freeze-at).
        router.route("/api/leaderboard").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(context -> {
                    if (Roles.organizer(context)) {
                        CachedBytes.send(context, leaderboard.forOrganizer(), this::liveJson);
                    } else {
                        CachedBytes.send(context, leaderboard.fresh(), this::json);
                    }
                });
        router.route("/api/leaderboard.csv").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(context -> {
                    context.response().putHeader("Content-Disposition", CSV_FILE);
                    if (Roles.organizer(context)) {
                        CachedBytes.send(context, leaderboard.forOrganizer(), this::liveCsv);
                    } else {
                        CachedBytes.send(context, leaderboard.fresh(), this::csv);
                    }
                });
    }

    private volatile CachedBytes liveJson = new CachedBytes(-1, null, "", "");
    private volatile CachedBytes liveCsv = new CachedBytes(-1, null, "", "");

    /** The organizers' board's JSON, kept apart: while frozen it differs from the public one of the same generation. */
    private synchronized CachedBytes liveJson(BoardSnapshot board) {
        if (liveJson.generation() != board.generation() || !liveJson.etag().equals(board.jsonEtag())) {
            liveJson = CachedBytes.of(board.generation(), board.json(), board.jsonEtag(), "application/json");
        }
        return liveJson;
    }

    private synchronized CachedBytes liveCsv(BoardSnapshot board) {
        if (liveCsv.generation() != board.generation() || !liveCsv.etag().equals(board.csvEtag())) {
            liveCsv = CachedBytes.of(board.generation(), board.csv(), board.csvEtag(), BoardSnapshot.csvMediaType());
        }
        return liveCsv;
    }

    /** Wraps each new board's bytes as it is built, so that readers find them ready. */
    void wrap(@Observes BoardSnapshot board) {
        json(board);
        csv(board);
    }

    private CachedBytes json(BoardSnapshot board) {
        CachedBytes cached = json;
        if (cached.generation() < board.generation()) {
            cached = CachedBytes.of(board.generation(), board.json(), board.jsonEtag(), "application/json");
            json = cached;
        }
        return cached;
    }

    private CachedBytes csv(BoardSnapshot board) {
        CachedBytes cached = csv;
        if (cached.generation() < board.generation()) {
            cached = CachedBytes.of(board.generation(), board.csv(), board.csvEtag(), BoardSnapshot.csvMediaType());
            csv = cached;
        }
        return cached;
    }
}
