package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.BodyPart;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.leaderboard.LeaderboardService;

/** The public leaderboard, the same data as {@code /api/leaderboard}. */
@Path("/")
public class LeaderboardPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance leaderboard(Leaderboard board, List<BodyPart> parts, String releaseEvery);
    }

    private final LeaderboardService leaderboard;
    private final String releaseEvery;

    public LeaderboardPage(LeaderboardService leaderboard, ArenaConfig config) {
        this.leaderboard = leaderboard;
        Duration period = config.hidden().releaseEvery();
        this.releaseEvery = period.toSeconds() >= 60 && period.toSeconds() % 60 == 0 ? period.toMinutes() + " min"
                : period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.leaderboard(leaderboard.current(), List.of(BodyPart.values()), releaseEvery);
    }
}
