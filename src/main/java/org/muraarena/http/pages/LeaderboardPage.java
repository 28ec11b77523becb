package org.muraarena.http.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.muraarena.core.BodyPart;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.leaderboard.LeaderboardService;

/** The public leaderboard, the same data as {@code /api/leaderboard}. */
@Path("/")
public class LeaderboardPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance leaderboard(Leaderboard board, List<BodyPart> parts);
    }

    private final LeaderboardService leaderboard;

    public LeaderboardPage(LeaderboardService leaderboard) {
        this.leaderboard = leaderboard;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.leaderboard(leaderboard.current(), List.of(BodyPart.values()));
    }
}
