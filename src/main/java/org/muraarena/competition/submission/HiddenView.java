package org.muraarena.competition.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.muraarena.core.BodyPart;
import org.muraarena.scoring.Metrics;
import org.muraarena.scoring.ScoreReport;

/**
 * What a team (and the public) sees of a hidden evaluation, and nothing more (docs/DESIGN.md): its
 * status, when it was tagged and released and, once a success is released, the Ladder's bit and the
 * team's released best after it, rounded. A tagged run reads RUNNING until it is released, from the
 * tag on, so that neither its outcome nor its timing (nor the timing of a run ahead of it in the
 * queue) shows before the release tick; no progress, times, log, class,
 * reason, exit code or counts, which a model could modulate from the hidden images.
 */
public record HiddenView(String status, Instant taggedAt, Instant releasedAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Ladder ladder,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Released metrics) implements HiddenRun {

    /** Whether the team's released best changed with this result. */
    public record Ladder(boolean improved) {
    }

    /** The released best's numbers, rounded to 3 decimals. */
    public record Released(Overall overall, @JsonProperty("by_type") Map<String, Kappa> byType) {
    }

    public record Overall(Double kappa, @JsonProperty("kappa_ci") List<Double> kappaCi, Double auroc,
                          @JsonProperty("auroc_ci") List<Double> aurocCi) {
    }

    public record Kappa(Double kappa) {
    }

    /** The view of hidden evaluation {@code e} of a submission tagged at {@code taggedAt}. */
    public static HiddenView of(Evaluation e, Instant taggedAt) {
        if (e.releasedAt == null) {
            // Queued or not: the moment a queued run is claimed is the moment the run ahead of it
            // ended, which may be the same team's probe (HiddenIndistinguishabilityTest).
            return unreleased(taggedAt);
        }
        if (e.status() != EvaluationStatus.SUCCEEDED || e.ladderImproved == null || e.ladderBest == null) {
            return new HiddenView(e.status().name(), taggedAt, e.releasedAt, null, null);
        }
        Result best = Result.latest(e.ladderBest);
        return new HiddenView(e.status().name(), taggedAt, e.releasedAt, new Ladder(e.ladderImproved),
                best == null ? null : released(best.report));
    }

    /** A hidden run not released (to this reader) yet. */
    public static HiddenView unreleased(Instant taggedAt) {
        return new HiddenView("RUNNING", taggedAt, null, null, null);
    }

    /** A score report reduced to the released shape. */
    public static Released released(ScoreReport report) {
        Metrics o = report.overall();
        Map<String, Kappa> byType = new TreeMap<>();
        for (BodyPart part : BodyPart.values()) {
            Metrics m = report.byType() == null ? null : report.byType().get(part);
            byType.put(part.name(), new Kappa(m == null ? null : round(m.kappa())));
        }
        return new Released(new Overall(round(o.kappa()), rounded(o.kappaCi()), round(o.auroc()), rounded(o.aurocCi())), byType);
    }

    /** Rounded half-up to 3 decimals; null and non-finite values stay undefined. */
    static Double round(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return null;
        }
        return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** An interval's ends rounded like {@link #round}, or null. */
    public static List<Double> rounded(double[] interval) {
        return interval == null ? null : java.util.Arrays.asList(round(interval[0]), round(interval[1]));
    }
}
