package org.muraarena.scoring;

import java.util.Arrays;

/**
 * Kappa differences of two sets of predicted labels on the same study-level resamples: each
 * replicate draws n study indices from one {@link SplitMix64} stream and scores both sets on them,
 * so what the two have in common cancels out of the difference.
 */
final class PairedKappaBootstrap {
    private PairedKappaBootstrap() {
    }

    /**
     * kappa(second) − kappa(first) for each of {@code replicates} resamples, in draw order, leaving
     * out the replicates where either kappa is undefined; the array is as long as the defined ones.
     */
    static double[] differences(int[] gold, int[] first, int[] second, int replicates, long seed) {
        int n = gold.length;
        // One code per study, gold·4 + first·2 + second, so a replicate is eight counters.
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = gold[i] * 4 + first[i] * 2 + second[i];
        }
        long[] count = new long[8];
        double[] differences = new double[replicates];
        int defined = 0;
        SplitMix64 random = new SplitMix64(seed);
        for (int r = 0; r < replicates; r++) {
            Arrays.fill(count, 0);
            for (int j = 0; j < n; j++) {
                count[code[random.nextIndex(n)]]++;
            }
            Double kappaFirst = Kappa.of(matrix(count, 2)).kappa();
            Double kappaSecond = Kappa.of(matrix(count, 1)).kappa();
            if (kappaFirst != null && kappaSecond != null) {
                differences[defined++] = kappaSecond - kappaFirst;
            }
        }
        return Arrays.copyOf(differences, defined);
    }

    /** The confusion matrix of the predictions whose bit in the code is {@code bit}. */
    private static ConfusionMatrix matrix(long[] count, int bit) {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int c = 0; c < 8; c++) {
            boolean abnormal = c >= 4;
            boolean predicted = (c & bit) != 0;
            if (abnormal) {
                if (predicted) tp += count[c]; else fn += count[c];
            } else {
                if (predicted) fp += count[c]; else tn += count[c];
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }
}
