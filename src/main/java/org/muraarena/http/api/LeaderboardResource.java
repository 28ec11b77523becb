package org.muraarena.http.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.muraarena.competition.leaderboard.BoardSnapshot;
import org.muraarena.competition.leaderboard.LeaderboardService;

/**
 * The public leaderboard as JSON and as CSV: the bytes of the board in memory, written when it was
 * built, sent on the event loop with their ETag ({@link CachedBytes}).
 */
@Path("/api")
public class LeaderboardResource {
    private final LeaderboardService leaderboard;

    public LeaderboardResource(LeaderboardService leaderboard) {
        this.leaderboard = leaderboard;
    }

    @GET
    @Path("/leaderboard")
    public Uni<Response> json(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return Uni.createFrom().completionStage(leaderboard.fresh()).map(board ->
                CachedBytes.respond(board.json(), board.jsonEtag(), MediaType.APPLICATION_JSON, ifNoneMatch).build());
    }

    @GET
    @Path("/leaderboard.csv")
    public Uni<Response> csv(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return Uni.createFrom().completionStage(leaderboard.fresh()).map(board ->
                CachedBytes.respond(board.csv(), board.csvEtag(), BoardSnapshot.csvMediaType(), ifNoneMatch)
                        .header("Content-Disposition", "attachment; filename=\"mura-arena-leaderboard.csv\"").build());
    }
}
