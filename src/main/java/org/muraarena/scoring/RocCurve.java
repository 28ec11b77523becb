package org.muraarena.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ROC curve of study scores: one point per distinct score, from (0, 0) to (1, 1), the
 * threshold sweeping from the highest score down. Studies with equal scores move the curve in one
 * diagonal step, never a staircase, so the trapezoidal area under it equals {@link Auroc} (ties
 * counting one half). Pure: for the dry-run page's chart.
 */
public final class RocCurve {
    private RocCurve() {
    }

    /** A point of the curve: false positive rate, true positive rate. */
    public record Point(double fpr, double tpr) {
    }

    /**
     * The curve for gold {@code labels} (0/1) and {@code scores}; empty when only one class is
     * present, where the curve is undefined (like the AUROC).
     *
     * @throws IllegalArgumentException if the arrays differ in length or a label is not 0 or 1
     */
    public static List<Point> points(int[] labels, double[] scores) {
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + scores.length + " scores");
        }
        int positives = 0;
        for (int label : labels) {
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + label);
            }
            positives += label;
        }
        int negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return List.of();
        }
        Integer[] order = new Integer[labels.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        List<Point> curve = new ArrayList<>();
        curve.add(new Point(0, 0));
        int truePositives = 0;
        int falsePositives = 0;
        for (int i = 0; i < order.length; i++) {
            if (labels[order[i]] == 1) {
                truePositives++;
            } else {
                falsePositives++;
            }
            // A point only after the last study of a group of equal scores: a threshold cannot split them.
            boolean groupEnds = i == order.length - 1 || Double.compare(scores[order[i + 1]], scores[order[i]]) != 0;
            if (groupEnds) {
                curve.add(new Point((double) falsePositives / negatives, (double) truePositives / positives));
            }
        }
        return List.copyOf(curve);
    }
}
