package org.muraarena.competition.leaderboard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.muraarena.dataset.DatasetService;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.Metrics;
import org.muraarena.scoring.Ranking;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

/**
 * Builds the leaderboard from persisted scores: each team's released best (the Ladder's, kept by
 * {@link HiddenReleases}), ranked by {@link Ranking}; reference rows from the hidden labels.
 */
@ApplicationScoped
public class LeaderboardService {
    private final DatasetService dataset;
    private volatile CachedReferences references;

    public LeaderboardService(DatasetService dataset) {
        this.dataset = dataset;
    }

    private record CachedReferences(String truthSha256, List<Leaderboard.Reference> rows, int studies) {
    }

    public Leaderboard current() {
        // Each team's released best (HiddenReleases keeps it, through the Ladder): never an unreleased result.
        List<Candidate> candidates = QuarkusTransaction.requiringNew().call(() -> Team.<Team>list(
                "releasedBestEvaluationId is not null").stream()
                .map(t -> candidate(Evaluation.findById(t.releasedBestEvaluationId))).filter(c -> c != null).toList());
        List<Ranking.Entry<Leaderboard.Row>> entries = candidates.stream()
                .map(c -> new Ranking.Entry<>(c.row(), c.kappa(), c.row().submittedAt())).toList();
        List<Leaderboard.Row> rows = new ArrayList<>();
        for (Ranking.Ranked<Leaderboard.Row> ranked : Ranking.rank(entries)) {
            Leaderboard.Row r = ranked.item();
            rows.add(new Leaderboard.Row(ranked.rank(), r.team(), r.teamId(), r.model(), r.submissionId(), r.kappa(),
                    r.kappaCi(), r.kappaCiOfficial(), r.auroc(), r.aurocCi(), r.byType(), r.provider(),
                    r.submittedAt()));
        }
        CachedReferences refs = references();
        return new Leaderboard(rows, refs.rows(), refs.studies(), dataset.summary());
    }

    private record Candidate(Leaderboard.Row row, Double kappa) {
    }

    private Candidate candidate(Evaluation e) {
        Result result = Result.latest(e);
        if (result == null) {
            return null;
        }
        HiddenView.Released released = HiddenView.released(result.report);
        HiddenView.Overall overall = released.overall();
        // Ranked on the stored kappa (Ranking ties kappas equal to 3 decimals); shown rounded.
        return new Candidate(new Leaderboard.Row(null, e.submission.team.name, e.submission.team.id,
                e.submission.modelName, e.submission.id, overall.kappa(), overall.kappaCi(),
                HiddenView.rounded(result.report.overall().kappaCiOfficial()), overall.auroc(), overall.aurocCi(),
                released.byType(), e.provider, e.submission.taggedAt), result.kappa);
    }

    /** The radiologist rows, recomputed only when the hidden labels change. */
    private CachedReferences references() {
        if (!dataset.ready()) {
            return new CachedReferences("", List.of(), 0);
        }
        DatasetService.Truth truth = dataset.truth(Phase.HIDDEN);
        CachedReferences cached = references;
        if (cached != null && cached.truthSha256().equals(truth.sha256())) {
            return cached;
        }
        Map<String, Double> gold = new HashMap<>();
        truth.contents().truth().forEach((study, t) -> gold.put(study, (double) t.gold()));
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(), gold);
        List<Leaderboard.Reference> rows = new ArrayList<>();
        for (ScoreReport.ReaderScore reader : report.references()) {
            rows.add(new Leaderboard.Reference(reader.reader(), reader.overall().kappa(),
                    pair(reader.overall().kappaCi()), reader.byType()));
        }
        cached = new CachedReferences(truth.sha256(), rows, truth.contents().truth().size());
        references = cached;
        return cached;
    }

    private static List<Double> pair(double[] interval) {
        return interval == null ? null : List.of(interval[0], interval[1]);
    }
}
