package org.muraarena.scoring;

/**
 * Cohen's kappa for two binary raters with its 95% Wald interval.
 *
 * <p>The standard error is sqrt(p_o(1−p_o) / (n(1−p_e)²)). The original MURA scorer left out the
 * square root; its interval is kept as {@code ciOfficial} so that results compare with the 2018
 * leaderboard. Both intervals are clipped to [−1, 1], the range kappa can take.
 */
public final class Kappa {
    /** The normal quantile used for 95% intervals, as the original scorer used it. */
    public static final double Z95 = 1.96;

    private Kappa() {
    }

    /** Kappa with both intervals; all null when kappa is undefined (no studies, or p_e = 1). */
    public record Result(Double kappa, double[] ci, double[] ciOfficial) {
        static final Result UNDEFINED = new Result(null, null, null);
    }

    /** Kappa from the 2×2 table of gold (rows) against predicted (columns) labels. */
    public static Result of(ConfusionMatrix m) {
        long n = m.n();
        long goldPositive = m.tp() + m.fn();
        long predictedPositive = m.tp() + m.fp();
        // p_e = 1 exactly when both raters give one and the same class to every study.
        boolean chanceIsCertain = (goldPositive == n && predictedPositive == n)
                || (goldPositive == 0 && predictedPositive == 0);
        if (n == 0 || chanceIsCertain) {
            return Result.UNDEFINED;
        }
        double po = (double) (m.tp() + m.tn()) / n;
        double pe = ((double) goldPositive * predictedPositive
                + (double) (n - goldPositive) * (n - predictedPositive)) / ((double) n * n);
        double kappa = (po - pe) / (1 - pe);
        double variance = po * (1 - po) / (n * (1 - pe) * (1 - pe));
        return new Result(kappa, interval(kappa, Math.sqrt(variance)), interval(kappa, variance));
    }

    private static double[] interval(double centre, double spread) {
        return new double[] {
            Math.max(-1, centre - Z95 * spread), Math.min(1, centre + Z95 * spread)};
    }
}
