package org.muraarena.dataset.synth;

import java.util.SplittableRandom;

/**
 * Turns a painted {@link Film} into grey levels in [0, 1]: a saturating film curve over total
 * attenuation, opaque metal, an uneven exposure, optional collimation band and side marker,
 * blur and grain.
 */
final class Darkroom {
    private static final int CURVE_STEPS = 2048;
    private static final double CURVE_MAX = 8;

    private Darkroom() {
    }

    /** @param look per-image contrast, collimation and marker; grain only draws the noise */
    static float[] develop(Film film, SplittableRandom look, SplittableRandom grain) {
        int w = film.w;
        int h = film.h;
        double px = Math.max(w, h) / 512.0;
        Blur.box(film.tissue, w, h, Math.max(1, (int) Math.round(2.5 * px)));
        Blur.box(film.tissue, w, h, Math.max(1, (int) Math.round(2.5 * px)));
        double tissueMu = 0.4 + 0.15 * look.nextDouble();
        double boneMu = 1.4 + 0.4 * look.nextDouble();
        double[] curve = curve(1.2 + 0.4 * look.nextDouble());
        double background = 0.03 + 0.07 * look.nextDouble();
        double span = 0.78 - background + 0.06 * look.nextDouble();
        double metalLevel = 0.99 + 0.01 * look.nextDouble();
        double tiltX = (2 * look.nextDouble() - 1) * 0.04;
        double tiltY = (2 * look.nextDouble() - 1) * 0.04;
        float[] img = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double a = tissueMu * film.tissue[i] + boneMu * film.bone[i];
                double v = background + span * lookUp(curve, a) + tiltX * (x / (double) w - 0.5)
                        + tiltY * (y / (double) h - 0.5);
                double m = film.metal[i];
                img[i] = (float) (v * (1 - m) + metalLevel * m);
            }
        }
        if (look.nextDouble() < 0.3) {
            Markers.collimate(img, w, h, look);
        }
        if (look.nextDouble() < 0.6) {
            Markers.sideMarker(img, film.tissue, w, h, px, look);
        }
        int passes = 1 + look.nextInt(2);
        for (int p = 0; p < passes; p++) {
            Blur.binomial(img, w, h);
        }
        double sigma = 0.01 + 0.02 * look.nextDouble();
        addGrain(img, sigma, grain);
        Blur.binomial(img, w, h);
        return img;
    }

    /**
     * Film response 1 - exp(-a / a0): near linear for tissue and marrow, compressed where bones
     * overlap, so that only metal saturates. Tabulated with StrictMath so every JVM agrees.
     */
    private static double[] curve(double a0) {
        double[] table = new double[CURVE_STEPS + 1];
        for (int i = 0; i <= CURVE_STEPS; i++) {
            table[i] = 1 - StrictMath.exp(-CURVE_MAX * i / CURVE_STEPS / a0);
        }
        return table;
    }

    private static double lookUp(double[] curve, double a) {
        double f = Math.min(a, CURVE_MAX) / CURVE_MAX * CURVE_STEPS;
        int i = Math.min((int) f, CURVE_STEPS - 1);
        double t = f - i;
        return curve[i] * (1 - t) + curve[i + 1] * t;
    }

    /** Near-Gaussian grain: a sum of four 16-bit uniforms from one long per pixel. */
    private static void addGrain(float[] img, double sigma, SplittableRandom grain) {
        double scale = sigma * Math.sqrt(3) / 65536.0;
        for (int i = 0; i < img.length; i++) {
            long r = grain.nextLong();
            long sum = (r & 0xFFFF) + ((r >>> 16) & 0xFFFF) + ((r >>> 32) & 0xFFFF) + (r >>> 48);
            img[i] += (float) ((sum - 2 * 65535.0) * scale);
        }
    }
}
