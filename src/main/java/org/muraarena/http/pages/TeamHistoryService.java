package org.muraarena.http.pages;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.competition.leaderboard.Leaderboard;
import org.muraarena.competition.leaderboard.LeaderboardService;
import org.muraarena.competition.team.Team;

/** Reads a team's public history for its page. */
@ApplicationScoped
public class TeamHistoryService {
    private final LeaderboardService leaderboard;

    public TeamHistoryService(LeaderboardService leaderboard) {
        this.leaderboard = leaderboard;
    }

    public Optional<TeamHistory> of(long teamId) {
        Optional<TeamHistory> history = QuarkusTransaction.requiringNew().call(() -> {
            Team team = Team.findById(teamId);
            if (team == null) {
                return Optional.<TeamHistory>empty();
            }
            List<TeamHistory.Entry> entries = Evaluation.<Evaluation>list(
                    "submission.team = ?1 and phase = ?2 order by submission.taggedAt desc, id desc", team, Phase.HIDDEN)
                    .stream().map(TeamHistoryService::entry).toList();
            return Optional.of(new TeamHistory(team.id, team.name, team.createdAt, null, entries));
        });
        // The rank comes from the leaderboard itself, so that the two pages can never disagree.
        return history.map(h -> new TeamHistory(h.id(), h.name(), h.createdAt(), rank(h.id()), h.entries()));
    }

    private Integer rank(long teamId) {
        return leaderboard.current().rows().stream().filter(r -> r.teamId() == teamId)
                .map(Leaderboard.Row::rank).findFirst().orElse(null);
    }

    private static TeamHistory.Entry entry(Evaluation e) {
        Scores scores = null;
        if (e.status() == EvaluationStatus.SUCCEEDED) {
            Result result = Result.latest(e);
            if (result != null) {
                scores = Scores.overall(result.report);
            }
        }
        return new TeamHistory.Entry(e.submission.id, e.submission.modelName, e.submission.taggedAt, e.status().name(), scores);
    }
}
