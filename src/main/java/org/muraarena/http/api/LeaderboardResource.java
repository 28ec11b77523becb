package org.muraarena.http.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.leaderboard.LeaderboardService;

/** The public leaderboard as JSON. */
@Path("/api/leaderboard")
public class LeaderboardResource {
    private final LeaderboardService leaderboard;

    public LeaderboardResource(LeaderboardService leaderboard) {
        this.leaderboard = leaderboard;
    }

    @GET
    public Leaderboard get() {
        return leaderboard.current();
    }
}
