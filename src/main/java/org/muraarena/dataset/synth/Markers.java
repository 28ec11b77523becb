package org.muraarena.dataset.synth;

import java.util.SplittableRandom;

/**
 * Normal distractors drawn with rectangles only (no fonts, so every machine draws the same):
 * a lead side marker with an L or R, and a bright collimation band along an edge.
 */
final class Markers {
    /** Letters on a 6 x 8 grid (x, y, width, height), strokes two cells wide. */
    private static final int[][] LETTER_L = {{0, 0, 2, 8}, {0, 6, 6, 2}};
    private static final int[][] LETTER_R = {{0, 0, 2, 8}, {0, 0, 6, 2}, {4, 0, 2, 4}, {0, 3, 6, 2},
        {3, 5, 2, 1}, {4, 6, 2, 2}};

    private Markers() {
    }

    /**
     * A lead side marker in the corner with the least soft tissue under it (technologists keep
     * markers off the anatomy): a bright block with the letter (L or R) a little less bright
     * inside it, as a marker's case and letter show on film.
     */
    static void sideMarker(float[] img, float[] tissue, int w, int h, double px, SplittableRandom rng) {
        int[][] strokes = rng.nextBoolean() ? LETTER_L : LETTER_R;
        double cell = Math.max(1.5, (3.5 + 1.5 * rng.nextDouble()) * px);
        double level = 0.86 + 0.08 * rng.nextDouble();
        double letter = level - 0.05 - 0.06 * rng.nextDouble();
        double margin = (8 + 20 * rng.nextDouble()) * px;
        double pad = 1.5 * cell;
        double bw = 6 * cell + 2 * pad;
        double bh = 8 * cell + 2 * pad;
        double x0 = 0;
        double y0 = 0;
        double least = Double.MAX_VALUE;
        for (int corner = 0; corner < 4; corner++) {
            double x = corner % 2 == 0 ? margin : w - margin - bw;
            double y = corner < 2 ? margin : h - margin - bh;
            double under = sum(tissue, w, h, x, y, bw, bh);
            if (under < least) {
                least = under;
                x0 = x;
                y0 = y;
            }
        }
        rect(img, w, h, x0, y0, bw, bh, level, false);
        for (int[] s : strokes) {
            rect(img, w, h, x0 + pad + s[0] * cell, y0 + pad + s[1] * cell, s[2] * cell, s[3] * cell, letter, true);
        }
    }

    private static double sum(float[] a, int w, int h, double x, double y, double rw, double rh) {
        double total = 0;
        for (int py = Math.max(0, (int) y); py < Math.min(h, (int) (y + rh)); py++) {
            for (int px = Math.max(0, (int) x); px < Math.min(w, (int) (x + rw)); px++) {
                total += a[py * w + px];
            }
        }
        return total;
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

    /**
     * Paints a rectangle with an antialiased rim (coverage by pixel overlap, no Graphics2D):
     * over what is there, or (replace) blending towards the level even where that is darker.
     */
    private static void rect(float[] img, int w, int h, double x, double y, double rw, double rh, double level,
            boolean replace) {
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
                double v = img[i] * (1 - m) + level * m;
                img[i] = (float) (replace ? v : Math.max(img[i], v));
            }
        }
    }
}
