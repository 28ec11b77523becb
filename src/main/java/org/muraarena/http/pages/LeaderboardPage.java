package org.muraarena.http.pages;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.muraarena.competition.leaderboard.BoardSnapshot;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.leaderboard.LeaderboardService;
import org.muraarena.http.security.Roles;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.BodyPart;
import org.muraarena.http.api.CachedBytes;

/**
 * The public leaderboard ({@code GET /}), the same data as {@code /api/leaderboard}. The page is the
 * same for every reader (it shows nothing of who asks), so it is rendered once per board, when the
 * board is built (or by the first reader of a board that was not), and sent like the JSON: bytes
 * with an ETag, from a Vert.x route ({@link CachedBytes}).
 */
@ApplicationScoped
public class LeaderboardPage {
    static final String HTML = "text/html;charset=UTF-8";

    @CheckedTemplate
    static class Templates {
        /** @param organizerLive whether this is the organizers' live board while the public one is frozen */
        static native TemplateInstance leaderboard(Leaderboard board, List<BodyPart> parts, String releaseEvery, boolean organizerLive);
    }

    private final LeaderboardService leaderboard;
    private final String releaseEvery;
    private volatile CachedBytes rendered = new CachedBytes(-1, null, "", HTML);

    public LeaderboardPage(LeaderboardService leaderboard, ArenaConfig config) {
        this.leaderboard = leaderboard;
        Duration period = config.hidden().releaseEvery();
        this.releaseEvery = period.toSeconds() >= 60 && period.toSeconds() % 60 == 0 ? period.toMinutes() + " min"
                : period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
    }

    void routes(@Observes Router router) {
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(context -> {
                    if (Roles.organizer(context)) {
                        // Organizers see the live board while the public one is frozen; rendered on a worker thread.
                        CachedBytes.send(context, leaderboard.forOrganizer().thenApplyAsync(this::renderLive,
                                command -> context.vertx().executeBlocking(() -> {
                                    command.run();
                                    return null;
                                }, false)), page -> page);
                    } else {
                        CachedBytes.send(context, leaderboard.fresh(), this::render);
                    }
                });
    }

    private volatile CachedBytes live = new CachedBytes(-1, null, "", HTML);

    /** The organizers' page of {@code board}: the public page unless the public board is frozen (then it is another board). */
    private synchronized CachedBytes renderLive(BoardSnapshot board) {
        if (board.board().frozenAt() != null || leaderboard.snapshot().board().frozenAt() == null) {
            return render(board);
        }
        if (live.generation() != board.generation()) {
            byte[] html = Templates.leaderboard(board.board(), List.of(BodyPart.values()), releaseEvery, true).render()
                    .getBytes(StandardCharsets.UTF_8);
            live = CachedBytes.of(board.generation(), html, HTML);
        }
        return live;
    }

    /** Renders each new board as it is built, so that readers find its page ready. */
    void prerender(@Observes BoardSnapshot board) {
        render(board);
    }

    private CachedBytes render(BoardSnapshot board) {
        CachedBytes page = rendered;
        if (page.generation() >= board.generation()) {
            return page; // this board's page, or a newer one
        }
        synchronized (this) {
            page = rendered;
            if (page.generation() < board.generation()) {
                long start = System.nanoTime();
                byte[] html = Templates.leaderboard(board.board(), List.of(BodyPart.values()), releaseEvery, false).render()
                        .getBytes(StandardCharsets.UTF_8);
                page = CachedBytes.of(board.generation(), html, HTML);
                rendered = page;
                Log.infof("leaderboard page #%d rendered in %d ms: %d B", board.generation(), (System.nanoTime() - start) / 1_000_000,
                        html.length);
            }
            return page;
        }
    }
}
