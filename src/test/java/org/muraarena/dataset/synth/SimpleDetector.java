package org.muraarena.dataset.synth;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

import static org.muraarena.dataset.synth.DetectorWeights.DETECTORS;
import static org.muraarena.dataset.synth.DetectorWeights.HIDDEN;
import static org.muraarena.dataset.synth.DetectorWeights.KERNEL;
import static org.muraarena.dataset.synth.DetectorWeights.POOL;
import static org.muraarena.dataset.synth.DetectorWeights.REGIONS;

/**
 * A fixed, untrained detector of the painter's findings (thin dark lines, dark or bright blobs,
 * saturated metal), written as plain loops over the graph documented in {@link DetectorWeights},
 * so that the tests can check the exported ONNX model ({@code BaselineModel}) against it. A study's probability is
 * the mean of its images'; the study is called abnormal when that mean exceeds 0.5.
 */
public final class SimpleDetector {
    private static final float[][][] W1 = DetectorWeights.conv1();
    private static final float[][] W2 = DetectorWeights.conv2();
    private static final float[] B2 = DetectorWeights.conv2Bias();
    private static final float[][] W3 = DetectorWeights.conv3();
    private static final float[] B3 = DetectorWeights.conv3Bias();
    private static final float[] G = DetectorWeights.gemm();
    private static final float GB = DetectorWeights.gemmBias();
    private static final int[][] W2_NONZERO = nonzero(W2);
    private static final int[][] W3_NONZERO = nonzero(W3);
    private static final int[][] TAPS = taps();

    private SimpleDetector() {
    }

    /**
     * Stretches an image to size x size by bilinear interpolation with half-pixel centres, as ONNX
     * {@code Resize(mode=linear, coordinate_transformation_mode=half_pixel, antialias=0)}: output
     * pixel (x, y) samples the source at sx = (x + 0.5) * W / size - 0.5, sy = (y + 0.5) * H / size - 0.5,
     * each clamped to [0, W - 1] and [0, H - 1], between the neighbours floor(s) and floor(s) + 1
     * (clamped). Values are grey / 255 (16-bit grey scaled to 0–255 first); colour images use
     * (299 R + 587 G + 114 B) / 1000.
     *
     * @return [size][size], row-major (y, then x), values in [0, 1]
     */
    public static float[][] resizeToInput(BufferedImage img, int size) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] grey = grey(img);
        int[] x0 = new int[size];
        int[] x1 = new int[size];
        float[] fx = new float[size];
        for (int x = 0; x < size; x++) {
            double sx = Math.min(w - 1, Math.max(0, (x + 0.5) * w / size - 0.5));
            x0[x] = (int) Math.floor(sx);
            x1[x] = Math.min(w - 1, x0[x] + 1);
            fx[x] = (float) (sx - x0[x]);
        }
        float[][] out = new float[size][size];
        for (int y = 0; y < size; y++) {
            double sy = Math.min(h - 1, Math.max(0, (y + 0.5) * h / size - 0.5));
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(h - 1, y0 + 1);
            float fy = (float) (sy - y0);
            for (int x = 0; x < size; x++) {
                float top = grey[y0 * w + x0[x]] * (1 - fx[x]) + grey[y0 * w + x1[x]] * fx[x];
                float bottom = grey[y1 * w + x0[x]] * (1 - fx[x]) + grey[y1 * w + x1[x]] * fx[x];
                out[y][x] = (top * (1 - fy) + bottom * fy) / 255f;
            }
        }
        return out;
    }

    /** The probability that one image shows a finding. */
    public static double probability(BufferedImage img) {
        return probabilityOfFeatures(features(resizeToInput(img, DetectorWeights.SIZE)));
    }

    /** Gemm and Sigmoid over the pooled detector outputs of {@link #features}. */
    public static double probabilityOfFeatures(float[] features) {
        double z = GB;
        for (int i = 0; i < DETECTORS; i++) {
            z += G[i] * features[i];
        }
        return 1 / (1 + StrictMath.exp(-z));
    }

    /**
     * The graph up to the Gemm: the pooled detector outputs P (see {@link DetectorWeights}) for an
     * input from {@link #resizeToInput}.
     */
    public static float[] features(float[][] input) {
        return features(input, null);
    }

    /**
     * As {@link #features(float[][])}; when {@code maps} is given ([DETECTORS][n * n], n = size - KERNEL + 1),
     * also fills it with F. Works one band of POOL output rows at a time, layer by layer, so that
     * every inner loop is a plain multiply-add over a row the JIT can vectorise.
     */
    static float[] features(float[][] input, float[][] maps) {
        int size = input.length;
        int n = size - KERNEL + 1;
        int cells = n / POOL;
        int band = POOL * n;
        float[] flat = new float[size * size];
        for (int y = 0; y < size; y++) {
            System.arraycopy(input[y], 0, flat, y * size, size);
        }
        float[][] regions = new float[REGIONS][band];
        float[][] hidden = new float[HIDDEN][band];
        float[] detector = new float[band];
        float[] pooled = new float[DETECTORS];
        for (int cy = 0; cy < cells; cy++) {
            int y0 = cy * POOL;
            for (int r = 0; r < REGIONS; r++) {
                float[] out = regions[r];
                java.util.Arrays.fill(out, 0);
                int[] taps = TAPS[r];
                for (int t = 0; t < taps.length; t += 2) {
                    int i = taps[t];
                    int j = taps[t + 1];
                    float wt = W1[r][i][j];
                    for (int dy = 0; dy < POOL; dy++) {
                        int in = (y0 + dy + i) * size + j;
                        int o = dy * n;
                        for (int x = 0; x < n; x++) {
                            out[o + x] += wt * flat[in + x];
                        }
                    }
                }
            }
            dense(W2, W2_NONZERO, B2, regions, hidden, band);
            for (int d = 0; d < DETECTORS; d++) {
                dense(W3[d], W3_NONZERO[d], B3[d], hidden, detector, band);
                for (int cx = 0; cx < cells; cx++) {
                    float sum = 0;
                    for (int dy = 0; dy < POOL; dy++) {
                        for (int dx = 0; dx < POOL; dx++) {
                            sum += detector[dy * n + cx * POOL + dx];
                        }
                    }
                    pooled[d] = Math.max(pooled[d], sum / (POOL * POOL));
                }
                if (maps != null) {
                    System.arraycopy(detector, 0, maps[d], y0 * n, band);
                }
            }
        }
        return pooled;
    }

    /** out[c] = relu(sum over nonzero k of w[c][k] * in[k] + b[c]), each a band of len values. */
    private static void dense(float[][] w, int[][] nonzero, float[] b, float[][] in, float[][] out, int len) {
        for (int c = 0; c < out.length; c++) {
            dense(w[c], nonzero[c], b[c], in, out[c], len);
        }
    }

    private static void dense(float[] w, int[] nonzero, float b, float[][] in, float[] out, int len) {
        java.util.Arrays.fill(out, 0, len, b);
        for (int k : nonzero) {
            float wk = w[k];
            float[] src = in[k];
            for (int x = 0; x < len; x++) {
                out[x] += wk * src[x];
            }
        }
        for (int x = 0; x < len; x++) {
            out[x] = Math.max(0, out[x]);
        }
    }

    /** Indices of the nonzero weights of each row: the 1x1 layers are sparse. */
    private static int[][] nonzero(float[][] w) {
        int[][] out = new int[w.length][];
        for (int r = 0; r < w.length; r++) {
            int[] idx = new int[w[r].length];
            int count = 0;
            for (int i = 0; i < w[r].length; i++) {
                if (w[r][i] != 0) {
                    idx[count++] = i;
                }
            }
            out[r] = java.util.Arrays.copyOf(idx, count);
        }
        return out;
    }

    /** Nonzero taps of each first-layer kernel as (row, column) pairs: zeros add nothing. */
    private static int[][] taps() {
        int[][] taps = new int[REGIONS][];
        for (int r = 0; r < REGIONS; r++) {
            int count = 0;
            int[] t = new int[2 * KERNEL * KERNEL];
            for (int i = 0; i < KERNEL; i++) {
                for (int j = 0; j < KERNEL; j++) {
                    if (W1[r][i][j] != 0) {
                        t[count++] = i;
                        t[count++] = j;
                    }
                }
            }
            taps[r] = java.util.Arrays.copyOf(t, count);
        }
        return taps;
    }

    /**
     * Grey levels 0–255 from the raster itself, not getRGB, which would apply colour management
     * to a grey image: one band is scaled from its bit depth (16-bit PNGs too); three or more are
     * R, G, B; anything else (a palette) goes through getRGB.
     */
    private static float[] grey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] grey = new float[w * h];
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        boolean direct = img.getColorModel() instanceof java.awt.image.ComponentColorModel
                || img.getColorModel() instanceof java.awt.image.DirectColorModel;
        if (direct && (bands == 1 || bands >= 3)) {
            float[] scale = new float[bands];
            for (int b = 0; b < bands; b++) {
                scale[b] = 255f / ((1 << raster.getSampleModel().getSampleSize(b)) - 1);
            }
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int p = x * bands;
                    grey[y * w + x] = bands == 1 ? row[p] * scale[0]
                            : (299 * row[p] * scale[0] + 587 * row[p + 1] * scale[1]
                                    + 114 * row[p + 2] * scale[2]) / 1000f;
                }
            }
            return grey;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                grey[y * w + x] = (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000f;
            }
        }
        return grey;
    }
}
