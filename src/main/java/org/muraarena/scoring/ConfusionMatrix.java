package org.muraarena.scoring;

/** Counts of gold against predicted binary labels. */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {

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

    /** True-positive rate, or null without abnormal studies. */
    public Double sensitivity() {
        return tp + fn == 0 ? null : (double) tp / (tp + fn);
    }

    /** True-negative rate, or null without normal studies. */
    public Double specificity() {
        return tn + fp == 0 ? null : (double) tn / (tn + fp);
    }
}
