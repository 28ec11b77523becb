package org.muraarena.dataset.synth;

import java.util.SplittableRandom;

/**
 * Normal distractors drawn with rectangles only (no fonts, so every machine draws the same):
 * a lead side marker shaped like an L or R, and a bright collimation band along an edge.
 */
final class Markers {
    /** Strokes of the letters on a 5 x 7 grid: x, y, width, height. */
    private static final int[][] LETTER_L = {{0, 0, 1, 7}, {0, 6, 4, 1}};
    private static final int[][] LETTER_R = {{0, 0, 1, 7}, {0, 0, 4, 1}, {0, 3, 4, 1}, {3, 1, 1, 2},
        {2, 4, 1, 1}, {3, 5, 1, 1}, {4, 6, 1, 1}};

    private Markers() {
    }

    /** An L or R near a random corner, sometimes inside a frame. */
    static void sideMarker(float[] img, int w, int h, double px, SplittableRandom rng) {
        int[][] strokes = rng.nextBoolean() ? LETTER_L : LETTER_R;
        double cell = Math.max(2, (4 + 3 * rng.nextDouble()) * px);
        // Bright, but below metal: lead markers read as white, metal saturates.
        double level = 0.86 + 0.08 * rng.nextDouble();
        double margin = (8 + 20 * rng.nextDouble()) * px;
        double mw = 5 * cell;
        double mh = 7 * cell;
        double x0 = rng.nextBoolean() ? margin : w - margin - mw;
        double y0 = rng.nextBoolean() ? margin : h - margin - mh;
        if (rng.nextDouble() < 0.3) {
            double pad = 1.5 * cell;
            double t = Math.max(1, 0.6 * cell);
            rect(img, w, h, x0 - pad, y0 - pad, mw + 2 * pad, t, level);
            rect(img, w, h, x0 - pad, y0 + mh + pad - t, mw + 2 * pad, t, level);
            rect(img, w, h, x0 - pad, y0 - pad, t, mh + 2 * pad, level);
            rect(img, w, h, x0 + mw + pad - t, y0 - pad, t, mh + 2 * pad, level);
        }
        for (int[] s : strokes) {
            rect(img, w, h, x0 + s[0] * cell, y0 + s[1] * cell, s[2] * cell, s[3] * cell, level);
        }
    }

    /** A bright band along one or two edges, its inner edge slightly tilted. */
    static void collimate(float[] img, int w, int h, SplittableRandom rng) {
        int sides = 1 + rng.nextInt(2);
        double level = 0.5 + 0.3 * rng.nextDouble();
        for (int k = 0; k < sides; k++) {
            int side = rng.nextInt(4);
            boolean vertical = side < 2;
            int len = vertical ? h : w;
            int depth = vertical ? w : h;
            double base = depth * (0.03 + 0.12 * rng.nextDouble());
            double slope = (2 * rng.nextDouble() - 1) * 0.04;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double along = vertical ? y : x;
                    double in = switch (side) {
                        case 0 -> x;
                        case 1 -> w - 1 - x;
                        case 2 -> y;
                        default -> h - 1 - y;
                    };
                    double edge = base + slope * (along - len / 2.0);
                    double m = Math.max(0, Math.min(1, edge - in + 0.5));
                    int i = y * w + x;
                    img[i] = (float) (img[i] * (1 - m) + (level + 0.05 * img[i]) * m);
                }
            }
        }
    }

    /** Fills a rectangle with an antialiased rim (coverage by pixel overlap, no Graphics2D). */
    private static void rect(float[] img, int w, int h, double x, double y, double rw, double rh, double level) {
        int xa = Math.max(0, (int) Math.floor(x));
        int ya = Math.max(0, (int) Math.floor(y));
        int xb = Math.min(w, (int) Math.ceil(x + rw));
        int yb = Math.min(h, (int) Math.ceil(y + rh));
        for (int py = ya; py < yb; py++) {
            double cy = Math.min(py + 1, y + rh) - Math.max(py, y);
            for (int px = xa; px < xb; px++) {
                double cx = Math.min(px + 1, x + rw) - Math.max(px, x);
                double m = Math.max(0, cx) * Math.max(0, cy);
                int i = py * w + px;
                img[i] = (float) Math.max(img[i], img[i] * (1 - m) + level * m);
            }
        }
    }
}
