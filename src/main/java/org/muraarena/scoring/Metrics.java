package org.muraarena.scoring;

/**
 * The scores of one group of studies (all, or one body part). Undefined values are null, never
 * NaN: kappa without disagreement possible, AUROC with one class, a rate without its class.
 * Intervals are {@code [low, high]}.
 */
public record Metrics(
        int n,
        Double kappa,
        double[] kappaCi,
        double[] kappaCiOfficial,
        Double auroc,
        double[] aurocCi,
        Double sensitivity,
        Double specificity) {

    /**
     * Scores one group. {@code labels} are gold labels, {@code probabilities} study probabilities;
     * a study is predicted abnormal iff its probability is above {@link Scorer#THRESHOLD}.
     */
    public static Metrics of(int[] labels, double[] probabilities, AurocBootstrap bootstrap) {
        ConfusionMatrix matrix = ConfusionMatrix.atThreshold(labels, probabilities);
        Kappa.Result kappa = Kappa.of(matrix);
        Double auroc = Auroc.of(labels, probabilities);
        double[] aurocCi = auroc == null ? null : bootstrap.interval(labels, probabilities);
        return new Metrics(labels.length, kappa.kappa(), kappa.ci(), kappa.ciOfficial(),
                auroc, aurocCi, matrix.sensitivity(), matrix.specificity());
    }
}
