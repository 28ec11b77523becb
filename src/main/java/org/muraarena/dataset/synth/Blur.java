package org.muraarena.dataset.synth;

/** Separable in-place blurs with clamped edges. */
final class Blur {
    private Blur() {
    }

    /** One pass of [1 2 1] / 4 along x, then along y. */
    static void binomial(float[] a, int w, int h) {
        float[] line = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                line[x] = a[row + x];
            }
            for (int x = 0; x < w; x++) {
                a[row + x] = 0.25f * line[Math.max(0, x - 1)] + 0.5f * line[x] + 0.25f * line[Math.min(w - 1, x + 1)];
            }
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = a[y * w + x];
            }
            for (int y = 0; y < h; y++) {
                a[y * w + x] = 0.25f * line[Math.max(0, y - 1)] + 0.5f * line[y] + 0.25f * line[Math.min(h - 1, y + 1)];
            }
        }
    }

    /** Box mean of radius r along x, then along y (running sums). */
    static void box(float[] a, int w, int h, int r) {
        float[] line = new float[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                line[x] = a[y * w + x];
            }
            boxLine(line, w, r, a, y * w, 1);
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = a[y * w + x];
            }
            boxLine(line, h, r, a, x, w);
        }
    }

    private static void boxLine(float[] line, int n, int r, float[] out, int start, int stride) {
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            sum += line[Math.max(0, Math.min(n - 1, k))];
        }
        double norm = 1.0 / (2 * r + 1);
        for (int i = 0; i < n; i++) {
            out[start + i * stride] = (float) (sum * norm);
            sum += line[Math.min(n - 1, i + r + 1)] - line[Math.max(0, i - r)];
        }
    }
}
