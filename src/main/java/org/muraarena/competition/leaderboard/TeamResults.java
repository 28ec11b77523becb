package org.muraarena.competition.leaderboard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Phase;
import org.muraarena.scoring.ScoreReport;

/**
 * What the public may know of a team: its hidden evaluations, newest first, with status and score
 * report — never logs, failure reasons or dry runs — and its leaderboard rank.
 */
@ApplicationScoped
public class TeamResults {
    private final LeaderboardService leaderboard;

    public TeamResults(LeaderboardService leaderboard) {
        this.leaderboard = leaderboard;
    }

    /** @param rank the team's leaderboard rank, or null while it has no scored submission */
    public record History(long id, String name, Instant createdAt, Integer rank, List<Entry> entries) {
    }

    /** One hidden evaluation; {@code report} is null until it is scored. */
    public record Entry(long submissionId, String model, Instant submittedAt, String status, ScoreReport report) {
    }

    public Optional<History> of(long teamId) {
        // The rank comes from the leaderboard itself, so that the two pages can never disagree.
        return QuarkusTransaction.requiringNew().call(() -> read(teamId)).map(h -> new History(h.id(), h.name(), h.createdAt(), rank(h.id()), h.entries()));
    }

    private static Optional<History> read(long teamId) {
        Team team = Team.findById(teamId);
        if (team == null) {
            return Optional.empty();
        }
        List<Entry> entries = Evaluation.<Evaluation>list(
                "submission.team = ?1 and phase = ?2 order by submission.taggedAt desc, id desc", team, Phase.HIDDEN)
                .stream().map(TeamResults::entry).toList();
        return Optional.of(new History(team.id, team.name, team.createdAt, null, entries));
    }

    private Integer rank(long teamId) {
        return leaderboard.current().rows().stream().filter(r -> r.teamId() == teamId)
                .map(Leaderboard.Row::rank).findFirst().orElse(null);
    }

    private static Entry entry(Evaluation e) {
        Result result = e.status() == EvaluationStatus.SUCCEEDED ? Result.latest(e) : null;
        return new Entry(e.submission.id, e.submission.modelName, e.submission.taggedAt, e.status().name(),
                result == null ? null : result.report);
    }
}
