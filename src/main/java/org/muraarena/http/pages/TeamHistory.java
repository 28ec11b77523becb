package org.muraarena.http.pages;

import java.time.Instant;
import java.util.List;

/**
 * What the public may see of a team: its hidden evaluations, newest first, with status and
 * overall scores — never logs, failure reasons or dry runs — and its place on the leaderboard.
 *
 * @param rank its leaderboard rank, or null while it has no scored submission
 */
public record TeamHistory(long id, String name, Instant createdAt, Integer rank, List<Entry> entries) {

    /** One hidden evaluation. {@code scores} is null until it is scored. */
    public record Entry(long submissionId, String model, Instant submittedAt, String status, Scores scores) {
    }
}
