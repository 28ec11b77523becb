package org.muraarena.scoring;

import java.util.Arrays;

/**
 * Every row's Cohen's kappa on one study resample, held as an exact fraction, and the ranks they
 * give. Reused from replicate to replicate, so a replicate allocates nothing.
 *
 * <p>With P drawn abnormal studies of n, and Q studies a row calls abnormal, kappa = (p_o − p_e) /
 * (1 − p_e) is the ratio of integers (n(tp + tn) − E) / (n² − E), E = PQ + (n − P)(n − Q), the
 * value {@link Kappa} computes up to rounding. Comparing the integers decides ties exactly: rows
 * whose kappas are mathematically equal (the same labels, or two kappas of 0) tie whatever the
 * rounding, as they do in the exact reference (make_rank_golden.py).
 */
final class ResampledKappas {
    /** n² must stay below 2^53, so numerator and denominator convert to double exactly. */
    static final int MAX_STUDIES = 1 << 26;

    private final int n;
    /** Studies with gold label 1; they come first in {@link #labels}' study order. */
    private final int abnormal;
    /** Study i (caller's order) sits at place[i] in the gold-sorted order. */
    private final int[] place;
    /** labels[r][place[i]] = the caller's labels[r][i]. */
    private final int[][] labels;
    private final int[] weight;
    private final long[] numerator;
    private final long[] denominator;
    /** numerator / denominator, correctly rounded: a fast comparison that is exact unless equal. */
    private final double[] kappa;
    private final int[] order;
    private final int[] buffer;
    private final int[] rank;

    ResampledKappas(int[] gold, int[][] rowLabels) {
        n = gold.length;
        place = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (gold[i] == 1) {
                place[i] = next++;
            }
        }
        abnormal = next;
        for (int i = 0; i < n; i++) {
            if (gold[i] == 0) {
                place[i] = next++;
            }
        }
        int rows = rowLabels.length;
        labels = new int[rows][n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                labels[r][place[i]] = rowLabels[r][i];
            }
        }
        weight = new int[n];
        numerator = new long[rows];
        denominator = new long[rows];
        kappa = new double[rows];
        order = new int[rows];
        buffer = new int[rows];
        rank = new int[rows];
    }

    /** Scores every row on all studies once each. */
    void scoreAll() {
        Arrays.fill(weight, 1);
        score(abnormal);
    }

    /**
     * Draws n study indices from {@code random} and scores every row on them; false, with nothing
     * scored, when the drawn studies are all of one gold class.
     */
    boolean scoreResample(SplitMix64 random) {
        Arrays.fill(weight, 0);
        int drawnAbnormal = 0;
        for (int j = 0; j < n; j++) {
            int at = place[random.nextIndex(n)];
            weight[at]++;
            if (at < abnormal) {
                drawnAbnormal++;
            }
        }
        if (drawnAbnormal == 0 || drawnAbnormal == n) {
            return false;
        }
        score(drawnAbnormal);
        return true;
    }

    private void score(long drawnAbnormal) {
        long drawnNormal = n - drawnAbnormal;
        for (int r = 0; r < labels.length; r++) {
            int[] row = labels[r];
            long tp = 0;
            for (int k = 0; k < abnormal; k++) {
                tp += weight[k] * row[k];
            }
            long fp = 0;
            for (int k = abnormal; k < n; k++) {
                fp += weight[k] * row[k];
            }
            long predicted = tp + fp;
            long agreedByChance = drawnAbnormal * predicted + drawnNormal * (n - predicted);
            long tn = drawnNormal - fp;
            numerator[r] = (long) n * (tp + tn) - agreedByChance;
            denominator[r] = (long) n * n - agreedByChance;
            kappa[r] = (double) numerator[r] / denominator[r];
        }
        rank();
    }

    /** The sign of kappa(a) − kappa(b), exact. */
    int compare(int a, int b) {
        if (kappa[a] != kappa[b]) {
            return kappa[a] < kappa[b] ? -1 : 1;
        }
        return compareFractions(numerator[a], denominator[a], numerator[b], denominator[b]);
    }

    /** The sign of a/b − c/d for positive b and d, exact: a·d against c·b in 128 bits. */
    static int compareFractions(long a, long b, long c, long d) {
        long high = Math.multiplyHigh(a, d);
        long otherHigh = Math.multiplyHigh(c, b);
        if (high != otherHigh) {
            return Long.compare(high, otherHigh);
        }
        return Long.compareUnsigned(a * d, c * b);
    }

    /** Each row's rank in the last scoring: 1 + the number of rows with strictly greater kappa. */
    int[] ranks() {
        return rank;
    }

    private void rank() {
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        sortDescending(0, order.length);
        for (int k = 0; k < order.length; k++) {
            boolean tied = k > 0 && compare(order[k], order[k - 1]) == 0;
            rank[order[k]] = tied ? rank[order[k - 1]] : k + 1;
        }
    }

    /** Merge sort of order[from, to) by kappa, greatest first (a primitive sort with our comparison). */
    private void sortDescending(int from, int to) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        sortDescending(from, middle);
        sortDescending(middle, to);
        if (compare(order[middle - 1], order[middle]) >= 0) {
            return; // already in order
        }
        System.arraycopy(order, from, buffer, from, to - from);
        int left = from;
        int right = middle;
        for (int k = from; k < to; k++) {
            if (right >= to || (left < middle && compare(buffer[left], buffer[right]) >= 0)) {
                order[k] = buffer[left++];
            } else {
                order[k] = buffer[right++];
            }
        }
    }
}
