package org.muraarena.http.api;

import jakarta.ws.rs.GET;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.Path;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.leaderboard.LeaderboardService;

/** The public leaderboard as JSON. */
@Tag(name = "public")
@Path("/api/leaderboard")
public class LeaderboardResource {
    private final LeaderboardService leaderboard;

    public LeaderboardResource(LeaderboardService leaderboard) {
        this.leaderboard = leaderboard;
    }

    @GET
    @Operation(summary = "The public leaderboard: each team's released best, ranked, and the radiologists' reference rows")
    @APIResponse(responseCode = "200", description = "The board")
    @APIResponse(responseCode = "401", description = "A token the server does not know was sent (send none to read the board)")
    public Leaderboard get() {
        return leaderboard.current();
    }
}
