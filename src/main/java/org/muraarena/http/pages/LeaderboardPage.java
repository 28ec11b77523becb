package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.muraarena.competition.leaderboard.BoardSnapshot;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.leaderboard.LeaderboardService;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.BodyPart;
import org.muraarena.core.Hashing;
import org.muraarena.http.api.CachedBytes;

/**
 * The public leaderboard, the same data as {@code /api/leaderboard}. The page is the same for every
 * reader, so it is rendered once per board, when the board is built (or by the first reader of a
 * board that was not), and served as bytes with an ETag like the JSON.
 */
@Path("/")
@Singleton
public class LeaderboardPage {
    static final String HTML = "text/html;charset=UTF-8";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance leaderboard(Leaderboard board, List<BodyPart> parts, String releaseEvery);
    }

    /** The page of one board. */
    private record Rendered(long generation, byte[] html, String etag) {
    }

    private final LeaderboardService leaderboard;
    private final String releaseEvery;
    private volatile Rendered rendered = new Rendered(-1, new byte[0], "");

    public LeaderboardPage(LeaderboardService leaderboard, ArenaConfig config) {
        this.leaderboard = leaderboard;
        Duration period = config.hidden().releaseEvery();
        this.releaseEvery = period.toSeconds() >= 60 && period.toSeconds() % 60 == 0 ? period.toMinutes() + " min"
                : period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
    }

    @GET
    public Uni<Response> get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return Uni.createFrom().completionStage(leaderboard.fresh()).map(board -> {
            Rendered page = render(board);
            return CachedBytes.respond(page.html(), page.etag(), HTML, ifNoneMatch).build();
        });
    }

    /** Renders each new board as it is built, so that readers find its page ready. */
    void prerender(@Observes BoardSnapshot board) {
        render(board);
    }

    private Rendered render(BoardSnapshot board) {
        Rendered page = rendered;
        if (page.generation() == board.generation()) {
            return page;
        }
        synchronized (this) {
            page = rendered;
            if (page.generation() < board.generation()) {
                byte[] html = Templates.leaderboard(board.board(), List.of(BodyPart.values()), releaseEvery).render()
                        .getBytes(StandardCharsets.UTF_8);
                page = new Rendered(board.generation(), html, '"' + Hashing.sha256(html).substring(0, 32) + '"');
                rendered = page;
            }
            return page;
        }
    }
}
