package org.muraarena.http.pages;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.muraarena.competition.leaderboard.TeamResults;

/** A team's public history for its page: {@link TeamResults} with overall scores as table rows. */
@ApplicationScoped
public class TeamHistoryService {
    private final TeamResults results;

    public TeamHistoryService(TeamResults results) {
        this.results = results;
    }

    public Optional<TeamHistory> of(long teamId) {
        return results.of(teamId).map(h -> new TeamHistory(h.id(), h.name(), h.createdAt(), h.rank(),
                h.entries().stream().map(e -> new TeamHistory.Entry(e.submissionId(), e.model(), e.submittedAt(),
                        e.status(), Scores.overall(e.report()))).toList()));
    }
}
