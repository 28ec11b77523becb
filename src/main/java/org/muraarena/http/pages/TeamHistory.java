package org.muraarena.http.pages;

import java.time.Instant;
import java.util.List;

/**
 * What the public may see of a team: its hidden evaluations, newest first, as the team sees them
 * (status, release, the released best's overall scores) — never logs, failure reasons, timing or
 * dry runs — and its place on the leaderboard.
 *
 * @param rank its leaderboard rank, or null while it has no released result
 */
public record TeamHistory(long id, String name, Instant createdAt, Integer rank, List<Entry> entries) {

    /**
     * One hidden evaluation. {@code improved} and {@code scores} (the released best after it) are
     * null until a success is released.
     */
    public record Entry(long submissionId, String model, Instant submittedAt, String status, Instant releasedAt,
                        Boolean improved, Scores scores) {
    }
}
