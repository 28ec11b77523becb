package org.muraarena.competition.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.core.ManifestCodec;
import org.muraarena.competition.calendar.CompetitionCalendar;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.Ranking;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

/**
 * Builds a {@link BoardSnapshot} from persisted results: each team's released best (the Ladder's,
 * kept by {@link HiddenReleases}), ranked by {@link Ranking}; reference rows from the hidden labels;
 * the rank statistics ({@link BoardStatistics}) over both; the JSON and CSV bytes. One query per
 * build, plus one per 200 results not seen before: a result is never modified (a re-score writes a
 * new version), so its report and stored predictions are read and parsed once, and what the board
 * needs of them is kept while the result is on the board.
 * Called by {@link LeaderboardService} on its one builder thread.
 */
@ApplicationScoped
public class BoardBuilder {
    private final DatasetService dataset;
    private final ObjectMapper json;
    // Touched only inside build(), which is synchronized.
    private String cachedTruth = "";
    private Map<Long, Parsed> parsed = new HashMap<>();
    private Set<Long> previousBoard = Set.of();
    private CachedReferences references;

    private final CompetitionCalendar calendar;

    public BoardBuilder(DatasetService dataset, ObjectMapper json, CompetitionCalendar calendar) {
        this.calendar = calendar;
        this.dataset = dataset;
        this.json = json;
    }

    private record CachedReferences(String truthSha256, List<Leaderboard.Reference> rows) {
    }

    /** What a result shows on the board, and its calls per study (null where they no longer fit the labels). */
    private record Parsed(HiddenView.Released released, List<Double> kappaCiOfficial, int[] calls) {
    }

    /** One team's released best: its row (no rank yet), the stored kappa it ranks by, the result it came from. */
    private record Stored(Leaderboard.Row row, Double kappa, long resultId) {
    }

    /** The public board: frozen at {@code arena.competition.freeze-at} until published, else live. */
    BoardSnapshot build(long generation) {
        return build(generation, calendar.frozenAt());
    }

    /**
     * The board as it stood at {@code asOf} (each team's released best then, with its results' newest
     * versions), or live when empty.
     */
    synchronized BoardSnapshot build(long generation, Optional<Instant> asOf) {
        long start = System.nanoTime();
        boolean ready = dataset.ready();
        DatasetService.Truth truth = ready ? dataset.truth(Phase.HIDDEN) : null;
        String truthSha = truth == null ? "" : truth.sha256();
        if (!truthSha.equals(cachedTruth)) {
            parsed = new HashMap<>(); // calls are in the truth's study order, and predictions are checked against it
            cachedTruth = truthSha;
        }
        int[] fresh = new int[1];
        List<Stored> stored = QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> best = bestResults(asOf);
            fresh[0] = parse(best.stream().map(f -> (Long) f[6]).filter(id -> !parsed.containsKey(id)).toList(), truth);
            return best.stream().map(this::stored).toList();
        });
        long readMillis = (System.nanoTime() - start) / 1_000_000;
        List<Ranking.Ranked<Stored>> ranked = Ranking.rank(stored.stream()
                .map(s -> new Ranking.Entry<>(s, s.kappa(), s.row().submittedAt())).toList());
        List<Leaderboard.Reference> refs = truth == null ? List.of() : references(truth);
        long statsStart = System.nanoTime();
        BoardStatistics.Spreads spreads = truth == null ? BoardStatistics.Spreads.none(ranked.size(), refs.size())
                : BoardStatistics.compute(truth.contents().truth(), ranked.stream().map(r -> new BoardStatistics.Entrant(
                        r.item().kappa(), parsed.get(r.item().resultId()).calls())).toList(),
                        refs.stream().map(Leaderboard.Reference::kappa).toList());
        long statsMillis = (System.nanoTime() - statsStart) / 1_000_000;
        List<Leaderboard.Row> rows = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            rows.add(ranked.get(i).item().row().with(ranked.get(i).rank(), spreads.teams().get(i)));
        }
        List<Leaderboard.Reference> references = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            references.add(refs.get(i).with(spreads.references().get(i)));
        }
        Leaderboard board = new Leaderboard(rows, references, truth == null ? 0 : truth.contents().truth().size(),
                spreads.stability(), dataset.summary(), asOf.orElse(null));
        long writeStart = System.nanoTime();
        byte[] jsonBytes;
        try {
            jsonBytes = json.writeValueAsBytes(board);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the leaderboard is always writable as JSON", e);
        }
        byte[] csv = LeaderboardCsv.write(board);
        long writeMillis = (System.nanoTime() - writeStart) / 1_000_000;
        Set<Long> onBoard = new HashSet<>();
        stored.forEach(s -> onBoard.add(s.resultId()));
        Set<Long> keep = new HashSet<>(onBoard);
        keep.addAll(previousBoard); // the frozen public board and the organizers' live one may alternate
        parsed.keySet().retainAll(keep);
        previousBoard = onBoard;
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Log.infof("leaderboard #%d built in %d ms (read %d ms, statistics %d ms, write %d ms): %d rows, %d references,"
                + " %d results parsed, %d B JSON, %d B CSV", generation, took.toMillis(), readMillis, statsMillis, writeMillis,
                rows.size(), references.size(), fresh[0], jsonBytes.length, csv.length);
        return new BoardSnapshot(generation, board, jsonBytes, csv, Instant.now(), took, ready);
    }

    /**
     * Each team's released best (now, or as it stood at {@code asOf}: the best after the team's last
     * decision released by then) with the newest version of its result, without the result's report
     * and predictions (a result is never modified, so those are parsed once, by {@link #parse}): one query.
     */
    private static List<Object[]> bestResults(Optional<Instant> asOf) {
        String select = """
                select t.id, t.name, s.id, s.modelName, s.taggedAt, e.provider, r.id, r.kappa
                from Result r join r.evaluation e join e.submission s join s.team t
                where r.version = (select max(r2.version) from Result r2 where r2.evaluation = e)""";
        return asOf.isEmpty()
                ? Evaluation.getEntityManager().createQuery(select + " and t.releasedBestEvaluationId = e.id", Object[].class).getResultList()
                : Evaluation.getEntityManager().createQuery(select + """
                         and e.id in (select d.ladderBest.id from Evaluation d
                          where d.phase = :hidden and d.releasedAt <= :asOf and d.ladderBest is not null
                            and not exists (select 1 from Evaluation d2 where d2.submission.team = d.submission.team
                              and d2.phase = :hidden and d2.ladderBest is not null and d2.releasedAt <= :asOf
                              and (d2.releasedAt > d.releasedAt or (d2.releasedAt = d.releasedAt and d2.id > d.id))))""",
                        Object[].class).setParameter("hidden", Phase.HIDDEN).setParameter("asOf", asOf.get()).getResultList();
    }

    private Stored stored(Object[] f) {
        Parsed p = parsed.get((Long) f[6]);
        HiddenView.Overall overall = p.released().overall();
        // Ranked on the stored kappa (Ranking ties kappas equal to 3 decimals); shown rounded.
        Leaderboard.Row row = new Leaderboard.Row(null, (String) f[1], (Long) f[0], (String) f[3], (Long) f[2],
                overall.kappa(), overall.kappaCi(), p.kappaCiOfficial(), overall.auroc(), overall.aurocCi(),
                p.released().byType(), (String) f[5], (Instant) f[4], null, null, null, null);
        return new Stored(row, (Double) f[7], (Long) f[6]);
    }

    /** Reads and parses the results not seen yet, a batch at a time; returns how many. */
    private int parse(List<Long> missing, DatasetService.Truth truth) {
        for (int from = 0; from < missing.size(); from += 200) {
            List<Object[]> found = Evaluation.getEntityManager().createQuery("""
                    select r.id, r.report, r.predictions, s.manifest from Result r join r.evaluation e join e.submission s
                    where r.id in :ids""", Object[].class)
                    .setParameter("ids", missing.subList(from, Math.min(missing.size(), from + 200))).getResultList();
            for (Object[] f : found) {
                ScoreReport report = (ScoreReport) f[1];
                parsed.put((Long) f[0], new Parsed(HiddenView.released(report), HiddenView.rounded(report.overall().kappaCiOfficial()),
                        truth == null ? null : calls((Long) f[0], (String) f[2], (String) f[3], truth)));
            }
        }
        return missing.size();
    }

    /** A result's abnormal (1) / normal (0) calls in the truth's study order, or null if they no longer fit it. */
    private static int[] calls(long resultId, String predictions, String manifest, DatasetService.Truth truth) {
        try {
            Map<String, Double> studies = PredictionsCsv.parse(predictions, "the stored predictions", truth.contents().expected())
                    .studyProbabilities(ManifestCodec.parse(manifest).aggregation());
            int[] calls = new int[truth.contents().truth().size()];
            int i = 0;
            for (String study : truth.contents().truth().keySet()) {
                calls[i++] = studies.get(study) > Scorer.THRESHOLD ? 1 : 0;
            }
            return calls;
        } catch (BadInputException | ManifestCodec.InvalidManifestException e) {
            // Only a label change that is not re-scored yet gets here: the row stays, without statistics.
            Log.warnf("result %d has no rank statistics: %s", resultId, e.getMessage());
            return null;
        }
    }

    /** The radiologist rows, recomputed only when the hidden labels change. */
    private List<Leaderboard.Reference> references(DatasetService.Truth truth) {
        CachedReferences cached = references;
        if (cached != null && cached.truthSha256().equals(truth.sha256())) {
            return cached.rows();
        }
        Map<String, Double> gold = new HashMap<>();
        truth.contents().truth().forEach((study, t) -> gold.put(study, (double) t.gold()));
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(), gold);
        List<Leaderboard.Reference> rows = new ArrayList<>();
        for (ScoreReport.ReaderScore reader : report.references()) {
            double[] ci = reader.overall().kappaCi();
            rows.add(new Leaderboard.Reference(reader.reader(), reader.overall().kappa(),
                    ci == null ? null : List.of(ci[0], ci[1]), reader.byType(), null, null, null, null));
        }
        references = new CachedReferences(truth.sha256(), rows);
        return rows;
    }
}
