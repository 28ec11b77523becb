package org.muraarena.leaderboard.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.muraarena.leaderboard.Leaderboard;
import org.muraarena.leaderboard.LeaderboardService;

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
