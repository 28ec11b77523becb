package org.muraarena.scoring;

import java.util.Arrays;

/**
 * A 95% percentile interval for the AUROC from a study-level bootstrap with a fixed seed.
 *
 * <p>Each draw resamples the group's n studies with replacement (index stream: {@link SplitMix64}
 * seeded afresh per group, studies in path order); a draw holding only one class has no AUROC
 * and is discarded. After {@code replicates} valid draws the interval is the 2.5th and 97.5th
 * percentile, interpolated linearly as numpy does. If 10 × {@code replicates} draws do not yield
 * enough valid ones (a tiny, very unbalanced group), there is no interval.
 */
public record AurocBootstrap(int replicates, long seed) {
    /** The product's defaults: 2,000 replicates; the seed is MURA's arXiv number, 1712(.06957). */
    public static final AurocBootstrap DEFAULT = new AurocBootstrap(2000, 1712);

    public AurocBootstrap {
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be at least 1, got " + replicates);
        }
    }

    /** The interval, or null when the AUROC is undefined or too few draws were valid. */
    public double[] interval(int[] labels, double[] scores) {
        int n = labels.length;
        int[] tieGroup = tieGroups(scores);
        int groups = n == 0 ? 0 : Arrays.stream(tieGroup).max().getAsInt() + 1;
        long[] positives = new long[groups];
        long[] negatives = new long[groups];
        double[] values = new double[replicates];
        SplitMix64 random = new SplitMix64(seed);
        int collected = 0;
        for (long draw = 0; draw < 10L * replicates && collected < replicates && n > 0; draw++) {
            Arrays.fill(positives, 0);
            Arrays.fill(negatives, 0);
            for (int j = 0; j < n; j++) {
                int i = random.nextIndex(n);
                if (labels[i] == 1) {
                    positives[tieGroup[i]]++;
                } else {
                    negatives[tieGroup[i]]++;
                }
            }
            Double auroc = Auroc.fromTieGroups(positives, negatives, groups);
            if (auroc != null) {
                values[collected++] = auroc;
            }
        }
        if (collected < replicates) {
            return null;
        }
        Arrays.sort(values);
        return new double[] {percentile(values, 2.5), percentile(values, 97.5)};
    }

    /** For each study, the rank of its score among the distinct scores (ascending). */
    private static int[] tieGroups(double[] scores) {
        double[] distinct = Arrays.stream(scores).sorted().distinct().toArray();
        int[] group = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            group[i] = Arrays.binarySearch(distinct, scores[i]);
        }
        return group;
    }

    /** numpy's default ("linear") percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p / 100;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
