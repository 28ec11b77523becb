package org.muraarena.scoring;

import java.util.Arrays;

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the probability that a random abnormal
 * study scores above a random normal one, ties counting one half. Equals scikit-learn's
 * {@code roc_auc_score}.
 */
public final class Auroc {
    private Auroc() {
    }

    /** The AUROC, or null when only one class is present (it is undefined then, never NaN). */
    public static Double of(int[] labels, double[] scores) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        long[] positives = new long[n];
        long[] negatives = new long[n];
        int groups = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && scores[order[i]] != scores[order[i - 1]]) {
                groups++;
            }
            if (labels[order[i]] == 1) {
                positives[groups]++;
            } else {
                negatives[groups]++;
            }
        }
        return fromTieGroups(positives, negatives, n == 0 ? 0 : groups + 1);
    }

    /**
     * The AUROC from counts per group of equal scores, groups in ascending score order: each
     * positive beats every negative of a lower group and ties with those of its own group.
     * Linear in the number of groups, which is what makes thousands of bootstrap replicates cheap.
     */
    static Double fromTieGroups(long[] positives, long[] negatives, int groups) {
        long totalPositives = 0;
        long totalNegatives = 0;
        // Twice the Mann–Whitney U, kept in integers so that no rounding enters before the division.
        long twiceU = 0;
        for (int g = 0; g < groups; g++) {
            twiceU += positives[g] * (2 * totalNegatives + negatives[g]);
            totalPositives += positives[g];
            totalNegatives += negatives[g];
        }
        if (totalPositives == 0 || totalNegatives == 0) {
            return null;
        }
        return twiceU / (2.0 * totalPositives * totalNegatives);
    }
}
