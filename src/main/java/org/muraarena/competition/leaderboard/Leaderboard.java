package org.muraarena.competition.leaderboard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.core.BodyPart;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.Metrics;

/**
 * The public leaderboard (docs/DESIGN.md): ranked rows, the radiologists' reference rows, how
 * stable the ranking is under resampling of the hidden studies, and the data they are scored on.
 *
 * @param stability Kendall's tau between the full-data ranking and the bootstrap rankings, or null
 *                  while fewer than two entries (teams and readers together) can be ranked
 * @param dataset   name, hidden studies and images; null while the data is being generated
 * @param frozenAt  the freeze this board shows the teams' bests at (arena.competition.freeze-at), or null when live
 */
public record Leaderboard(List<Row> rows, List<Reference> references, int hiddenStudies, Stability stability,
                          DatasetService.Summary dataset, Instant frozenAt) {

    public Leaderboard(List<Row> rows, List<Reference> references, int hiddenStudies) {
        this(rows, references, hiddenStudies, null, null, null);
    }

    /** How many entries the rank statistics rank together: the team rows and the reference readers. */
    @JsonIgnore
    public int entries() {
        return rows.size() + references.size();
    }

    /**
     * A team's released best, in the shape its team sees it (docs/DESIGN.md): numbers rounded to 3
     * decimals, per type only the kappa. No counts, sensitivity or specificity: the board is public,
     * so it must not tell a team more of a hidden run than its own view does. The last four
     * components are its place among all entries ({@link Spread}).
     */
    public record Row(Integer rank, String team, long teamId, String model, long submissionId,
                      Double kappa,
                      @JsonProperty("kappa_ci") List<Double> kappaCi,
                      @JsonProperty("kappa_ci_official") List<Double> kappaCiOfficial,
                      Double auroc,
                      @JsonProperty("auroc_ci") List<Double> aurocCi,
                      @JsonProperty("by_type") Map<String, HiddenView.Kappa> byType,
                      String provider,
                      Instant submittedAt,
                      @JsonProperty("rank_ci") List<Double> rankCi,
                      @JsonProperty("p_vs_next") Double pVsNext,
                      Integer group,
                      @JsonIgnore Integer place) {

        Row with(Integer newRank, Spread s) {
            return new Row(newRank, team, teamId, model, submissionId, kappa, kappaCi, kappaCiOfficial, auroc, aurocCi,
                    byType, provider, submittedAt, s.rankCi(), s.pVsNext(), s.group(), s.place());
        }
    }

    /** A non-gold radiologist's agreement with the gold standard on the hidden set, and its {@link Spread}. */
    public record Reference(String reader, Double kappa,
                            @JsonProperty("kappa_ci") List<Double> kappaCi,
                            @JsonProperty("by_type") Map<BodyPart, Metrics> byType,
                            @JsonProperty("rank_ci") List<Double> rankCi,
                            @JsonProperty("p_vs_next") Double pVsNext,
                            Integer group,
                            @JsonIgnore Integer place) {

        Reference with(Spread s) {
            return new Reference(reader, kappa, kappaCi, byType, s.rankCi(), s.pVsNext(), s.group(), s.place());
        }
    }

    /**
     * An entry's place among all entries (teams and readers together, best kappa first, 1-based)
     * and what the bootstrap says of it: its rank's 95% interval, the p-value that it beats the next
     * entry, its group. All null where it has no statistics (fewer than two entries, or its stored
     * predictions no longer fit the hidden labels).
     */
    record Spread(List<Double> rankCi, Double pVsNext, Integer group, Integer place) {
        static final Spread NONE = new Spread(null, null, null, null);
    }

    /** Kendall's tau between the full-data ranking and each bootstrap replicate's: median and 95% interval. */
    public record Stability(@JsonProperty("tau_median") double tauMedian,
                            @JsonProperty("tau_ci") List<Double> tauCi,
                            int replicates) {
    }
}
