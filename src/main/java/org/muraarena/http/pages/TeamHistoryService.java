package org.muraarena.http.pages;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.muraarena.competition.leaderboard.TeamResults;

/** A team's public history for its page: {@link TeamResults} with the released best's overall scores. */
@ApplicationScoped
public class TeamHistoryService {
    private final TeamResults results;

    public TeamHistoryService(TeamResults results) {
        this.results = results;
    }

    public Optional<TeamHistory> of(long teamId) {
        return results.of(teamId).map(h -> new TeamHistory(h.id(), h.name(), h.createdAt(), h.rank(),
                h.entries().stream().map(e -> new TeamHistory.Entry(e.submissionId(), e.model(), e.hidden().taggedAt(),
                        e.hidden().status(), e.hidden().releasedAt(),
                        e.hidden().ladder() == null ? null : e.hidden().ladder().improved(),
                        e.hidden().metrics() == null ? null : Scores.released(e.hidden().metrics()).get(0))).toList()));
    }
}
