package org.muraarena.http.pages;

import java.util.Map;
import java.util.SortedMap;
import org.muraarena.scoring.ConfusionMatrix;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

/**
 * A dry run's calls at a glance, the same on the submission page and in the offline
 * {@code dry-run --report} ({@code templates/tags/dryrunsummary.html}): the study-level confusion
 * matrix at the scoring threshold, accuracy beside kappa with why accuracy flatters a model when one
 * class dominates, and each body part's kappa as a bar. Only ever for a dry run: it is made from
 * per-study output, which teams never see of a hidden run.
 *
 * @param matrix gold (abnormal/normal) against the calls, over the sample studies with a probability
 * @param kappa the dry run's overall kappa as scored (null when undefined)
 * @param caution one sentence: the accuracy that calling every study the commoner class would score
 */
public record DryRunSummary(ConfusionMatrix matrix, Double accuracy, Double kappa, String caution, KappaBars chart) {

    /**
     * The summary of a scored dry run: {@code metrics} its stored scores, {@code studies} its study
     * probabilities, {@code truth} the sample set's labels. Null without scores or studies.
     */
    public static DryRunSummary of(ScoreReport metrics, SortedMap<String, Scorer.Truth> truth, Map<String, Double> studies) {
        if (metrics == null) {
            return null;
        }
        SampleStudies sample = SampleStudies.of(truth, studies);
        ConfusionMatrix matrix = ConfusionMatrix.atThreshold(sample.gold(), sample.probabilities());
        if (matrix.n() == 0) {
            return null;
        }
        return new DryRunSummary(matrix, matrix.accuracy(), metrics.overall().kappa(), caution(matrix),
                KappaBars.of(metrics.byType(), metrics.overall().kappa()));
    }

    /**
     * Why accuracy misleads here, from this sample's class balance: a model that calls every study
     * the commoner class scores that class's share as accuracy, and kappa 0 (undefined when the
     * sample holds one class only).
     */
    static String caution(ConfusionMatrix m) {
        boolean normal = m.normal() >= m.abnormal();
        String name = normal ? "normal" : "abnormal";
        long count = normal ? m.normal() : m.abnormal();
        if (count == m.n()) {
            return "All " + m.n() + " of these studies are " + name + ", so a model that calls every study " + name
                    + " would score accuracy 1.000 here though it tells nothing apart (its kappa is undefined).";
        }
        return "Accuracy counts agreement that chance alone would give: " + count + " of these " + m.n() + " studies are "
                + name + ", so a model that calls every study " + name + " would score accuracy "
                + Formats.num((double) count / m.n()) + " here, yet kappa 0.";
    }

    /** Studies the model called abnormal. */
    public long calledAbnormal() {
        return matrix.tp() + matrix.fp();
    }

    /** Studies the model called normal. */
    public long calledNormal() {
        return matrix.tn() + matrix.fn();
    }

    /** Studies called as the gold standard has them. */
    public long agreed() {
        return matrix.tp() + matrix.tn();
    }
}
