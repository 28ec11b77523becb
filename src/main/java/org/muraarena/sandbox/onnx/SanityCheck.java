package org.muraarena.sandbox.onnx;

import org.muraarena.sandbox.ExplanationReport;

/**
 * The verdict of the last-layer randomisation check (Adebayo et al. 2018): a map that stays the
 * same when the learnt last layer is replaced by noise shows the input's structure, not what the
 * model learnt. Compared as the Pearson correlation of the two maps' ABSOLUTE values over the
 * grid, as Adebayo et al. compare absolute saliency: a random layer may flip the sign of the
 * evidence, and a flipped but otherwise identical map is just as uninformative.
 */
final class SanityCheck {
    /**
     * A map whose absolute values span less than this (a millionth of probability) is flat: float32
     * rounding alone moves a probability by about 1e-7, and such noise must not decide the verdict.
     */
    static final double FLAT = 1e-6;

    private SanityCheck() {
    }

    /**
     * The correlation of |a| and |b|; null when |a| is flat (nothing to correlate), 0 when only
     * |b| is (the randomised model's map lost all structure: no linear relation). Flat: a span
     * under {@link #FLAT}.
     */
    static Double correlation(OcclusionMap a, OcclusionMap b) {
        double[] x = abs(a.values());
        double[] y = abs(b.values());
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (!(sxx > 0) || span(x) < FLAT) {
            return null;
        }
        return syy > 0 && span(y) >= FLAT ? sxy / Math.sqrt(sxx * syy) : 0.0;
    }

    /** Why the map is not reliable, or null when it passed. */
    static String reason(OcclusionMap map, Double correlation) {
        if (correlation == null) {
            return "the map is flat: greying out any patch changes the probability alike ("
                    + String.format(java.util.Locale.ROOT, "%.3g", map.peak()) + " at most)";
        }
        if (correlation > ExplanationReport.MAX_CORRELATION) {
            return String.format(java.util.Locale.ROOT, "the map barely changes when the last layer is randomised"
                    + " (correlation %.2f > %.1f): it shows the image more than what the model learnt", correlation,
                    ExplanationReport.MAX_CORRELATION);
        }
        return null;
    }

    private static double[] abs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    private static double span(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max - min;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return sum / v.length;
    }
}
