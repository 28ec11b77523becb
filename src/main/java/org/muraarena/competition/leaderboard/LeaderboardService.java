package org.muraarena.competition.leaderboard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.muraarena.dataset.DatasetService;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.Metrics;
import org.muraarena.scoring.Ranking;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

/**
 * Builds the leaderboard from persisted scores: each team's best hidden result (highest overall
 * kappa, the earlier on a tie), ranked by {@link Ranking}; reference rows from the hidden labels.
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
        List<Candidate> candidates = QuarkusTransaction.requiringNew().call(() -> Evaluation.<Evaluation>list(
                "phase = ?1 and status = ?2", Phase.HIDDEN, EvaluationStatus.SUCCEEDED).stream()
                .map(this::candidate).filter(c -> c != null).toList());
        Map<Long, Candidate> bestPerTeam = new HashMap<>();
        Comparator<Candidate> better = Comparator
                .comparing((Candidate c) -> c.kappa() == null ? Double.NEGATIVE_INFINITY : c.kappa())
                .thenComparing(Candidate::row, Comparator.comparing(Leaderboard.Row::submittedAt).reversed());
        for (Candidate c : candidates) {
            bestPerTeam.merge(c.row().teamId(), c, (a, b) -> better.compare(a, b) >= 0 ? a : b);
        }
        List<Ranking.Entry<Leaderboard.Row>> entries = bestPerTeam.values().stream()
                .map(c -> new Ranking.Entry<>(c.row(), c.kappa(), c.row().submittedAt())).toList();
        List<Leaderboard.Row> rows = new ArrayList<>();
        for (Ranking.Ranked<Leaderboard.Row> ranked : Ranking.rank(entries)) {
            Leaderboard.Row r = ranked.item();
            rows.add(new Leaderboard.Row(ranked.rank(), r.team(), r.teamId(), r.model(), r.submissionId(), r.kappa(),
                    r.kappaCi(), r.kappaCiOfficial(), r.auroc(), r.aurocCi(), r.sensitivity(), r.specificity(),
                    r.byType(), r.provider(), r.submittedAt()));
        }
        CachedReferences refs = references();
        return new Leaderboard(rows, refs.rows(), refs.studies());
    }

    private record Candidate(Leaderboard.Row row, Double kappa) {
    }

    private Candidate candidate(Evaluation e) {
        Result result = Result.latest(e);
        if (result == null) {
            return null;
        }
        Metrics overall = result.report.overall();
        return new Candidate(new Leaderboard.Row(null, e.submission.team.name, e.submission.team.id,
                e.submission.modelName, e.submission.id, overall.kappa(), pair(overall.kappaCi()),
                pair(overall.kappaCiOfficial()), overall.auroc(), pair(overall.aurocCi()),
                overall.sensitivity(), overall.specificity(), result.report.byType(), e.provider,
                e.submission.taggedAt), result.kappa);
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
