package org.muraarena.scoring;

/** Counts of gold against predicted binary labels (1 = abnormal). */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {

    /**
     * The calls at the scoring threshold: a study is called abnormal iff its probability is above
     * {@link Scorer#THRESHOLD}, the one rule behind every kappa, sensitivity and specificity.
     */
    public static ConfusionMatrix atThreshold(int[] gold, double[] probabilities) {
        int[] predicted = new int[gold.length];
        for (int i = 0; i < gold.length; i++) {
            predicted[i] = probabilities[i] > Scorer.THRESHOLD ? 1 : 0;
        }
        return of(gold, predicted);
    }

    public static ConfusionMatrix of(int[] gold, int[] predicted) {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] == 1) {
                if (predicted[i] == 1) tp++; else fn++;
            } else {
                if (predicted[i] == 1) fp++; else tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    public long n() {
        return tp + fp + tn + fn;
    }

    /** The share of studies called as the gold standard has them (scikit-learn's accuracy_score), or null without studies. */
    public Double accuracy() {
        return n() == 0 ? null : (double) (tp + tn) / n();
    }

    /** Studies the gold standard calls abnormal. */
    public long abnormal() {
        return tp + fn;
    }

    /** Studies the gold standard calls normal. */
    public long normal() {
        return tn + fp;
    }

    /** True-positive rate, or null without abnormal studies. */
    public Double sensitivity() {
        return tp + fn == 0 ? null : (double) tp / (tp + fn);
    }

    /** True-negative rate, or null without normal studies. */
    public Double specificity() {
        return tn + fp == 0 ? null : (double) tn / (tn + fp);
    }
}
