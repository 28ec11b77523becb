package org.muraarena.competition.leaderboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.muraarena.competition.submission.HiddenView;
import org.muraarena.core.BodyPart;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.Metrics;

/**
 * The public leaderboard (docs/DESIGN.md): ranked rows, the radiologists' reference rows, and the
 * data they are scored on ({@code dataset}: name, hidden studies and images; null while it is generated).
 */
public record Leaderboard(List<Row> rows, List<Reference> references, int hiddenStudies, DatasetService.Summary dataset) {

    /**
     * A team's released best, in the shape its team sees it (docs/DESIGN.md): numbers rounded to 3
     * decimals, per type only the kappa. No counts, sensitivity or specificity: the board is public,
     * so it must not tell a team more of a hidden run than its own view does.
     */
    public record Row(Integer rank, String team, long teamId, String model, long submissionId,
                      Double kappa,
                      @JsonProperty("kappa_ci") List<Double> kappaCi,
                      @JsonProperty("kappa_ci_official") List<Double> kappaCiOfficial,
                      Double auroc,
                      @JsonProperty("auroc_ci") List<Double> aurocCi,
                      @JsonProperty("by_type") Map<String, HiddenView.Kappa> byType,
                      String provider,
                      Instant submittedAt) {
    }

    /** A non-gold radiologist's agreement with the gold standard on the hidden set. */
    public record Reference(String reader, Double kappa,
                            @JsonProperty("kappa_ci") List<Double> kappaCi,
                            @JsonProperty("by_type") Map<BodyPart, Metrics> byType) {
    }
}
