package org.muraarena.competition.leaderboard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.muraarena.competition.calendar.CompetitionCalendar;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Phase;

/**
 * What the public may know of a team: its hidden evaluations, newest first, exactly as the team
 * itself sees them ({@link HiddenView}: status, release and the released best) — never logs,
 * failure reasons, timing or dry runs — and its leaderboard rank.
 */
@ApplicationScoped
public class TeamResults {
    private final LeaderboardService leaderboard;
    private final CompetitionCalendar calendar;

    public TeamResults(LeaderboardService leaderboard, CompetitionCalendar calendar) {
        this.leaderboard = leaderboard;
        this.calendar = calendar;
    }

    /** @param rank the team's leaderboard rank, or null while it has no released result */
    public record History(long id, String name, Instant createdAt, Integer rank, List<Entry> entries) {
    }

    /** One hidden evaluation as its team sees it. */
    public record Entry(long submissionId, String model, HiddenView hidden) {
    }

    public Optional<History> of(long teamId) {
        // The rank comes from the leaderboard itself, so that the two pages can never disagree.
        // While the board is frozen, what was released since the freeze is not public yet: shown as running.
        Optional<Instant> frozenAt = calendar.frozenAt();
        return QuarkusTransaction.requiringNew().call(() -> read(teamId, frozenAt))
                .map(h -> new History(h.id(), h.name(), h.createdAt(), rank(h.id()), h.entries()));
    }

    private static Optional<History> read(long teamId, Optional<Instant> frozenAt) {
        Team team = Team.findById(teamId);
        if (team == null) {
            return Optional.empty();
        }
        List<Entry> entries = Evaluation.<Evaluation>list(
                "submission.team = ?1 and phase = ?2 order by submission.taggedAt desc, id desc", team, Phase.HIDDEN)
                .stream().map(e -> new Entry(e.submission.id, e.submission.modelName,
                        frozenAt.isPresent() && e.releasedAt != null && e.releasedAt.isAfter(frozenAt.get())
                                ? HiddenView.unreleased(e.submission.taggedAt) : HiddenView.of(e, e.submission.taggedAt)))
                .toList();
        return Optional.of(new History(team.id, team.name, team.createdAt, null, entries));
    }

    private Integer rank(long teamId) {
        return leaderboard.snapshot().rankOf(teamId);
    }
}
