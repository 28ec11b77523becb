package org.muraarena.dataset.synth;

/**
 * Every weight of {@link SimpleDetector}, hand-set, in one place, laid out as ONNX wants them
 * (Conv weights [out][in][kh][kw] with in = 1 for the first layer, so [out][kh][kw] here; Gemm
 * weights [in]). The graph, input X of shape [N, 1, 256, 256]:
 * <pre>
 * R  = Conv(X,  W1 [18,1,11,11], no bias, no padding, stride 1)   regional means, 246 x 246
 * H  = Relu(Conv(R, W2 [35,18,1,1], B2 [35]))                      contrasts, their parts, gates
 * F  = Relu(Conv(H, W3 [7,35,1,1],  B3 [7]))                       finding detectors
 * P  = GlobalMaxPool(AveragePool(F, kernel 4x4, stride 4))         [N, 7, 1, 1]
 * Y  = Sigmoid(Gemm(Flatten(P), G [7,1], GB [1]))                  probability of abnormal
 * </pre>
 * Regions (R channels): per line orientation 0, 45, 90, 135 degrees a centre strip C and the
 * strips L, R 2.5 px to either side (channels 3k, 3k + 1, 3k + 2); then a blob's centre disc and
 * the four quarters N, E, S, W of a ring around it (12–16); then the centre pixel (17).
 * <p>Detectors (F channels): 0–3 a thin dark line at each orientation, relu(min(L, R) - C - t);
 * 4 a dark blob (lytic lesion) and 5 a bright blob (sclerotic lesion), each relu(a lower bound of
 * min over quarters of the quarter's contrast - t); 6 saturated pixels (metal). min(a, b) is built
 * from ReLUs as (a + b) / 2 - relu(a - b) / 2 - relu(b - a) / 2, which is why H exists; H also
 * holds gates that veto lines and blobs whose centre is too dark or sides too bright for bone.
 */
public final class DetectorWeights {
    /** Input side: the image is stretched to SIZE x SIZE. */
    public static final int SIZE = 256;
    public static final int KERNEL = 11;
    public static final int REGIONS = 18;
    /**
     * Hidden channels: per orientation k, 6k + (0: (L + R) / 2 - C, 1: L - R, 2: R - L, 3: DARK - C,
     * 4: L - BRIGHT, 5: R - BRIGHT); then 24: ring mean - disc, 25: disc - ring mean, 26/27: ±(N - S),
     * 28/29: ±(E - W), 30/31: ±(N + S - E - W) / 2, 32: DARK - disc, 33: disc - BRIGHT, 34: metal.
     */
    public static final int HIDDEN = 35;
    public static final int DETECTORS = 7;
    public static final int POOL = 4;

    /** Grey levels (0–1) a line must be darker than both sides by, at any orientation. */
    static final float LINE_THRESHOLD = 0.03f;
    static final float LYTIC_THRESHOLD = 0.03f;
    static final float SCLEROTIC_THRESHOLD = 0.03f;
    /** Pixels above this are metal; the gain maps [0.95, 1] to [0, 1]. */
    static final float SATURATION = 0.95f;
    static final float SATURATION_GAIN = 20f;
    /**
     * Gates: a line or blob centre darker than DARK lies outside bone (marker gaps, background
     * between structures); sides brighter than BRIGHT are markers or metal, not bone. Each grey
     * level past a gate costs GATE of the detector's contrast.
     */
    static final float DARK = 0.2f;
    static final float BRIGHT = 0.8f;
    static final float GATE = 3f;

    /** Gemm over the seven pooled detectors (lines 0–3, lytic, sclerotic, metal), and its bias. */
    private static final float[] GEMM = {10f, 10f, 10f, 10f, 10f, 10f, 10f};
    private static final float GEMM_BIAS = -1f;

    /** Line regions: centre strip within 1 px of the line, side strips 2.5 px off, all 7 px long. */
    private static final double SIDE_OFFSET = 2.5;
    private static final double HALF_LENGTH = 3.5;
    /** Blob regions: centre disc radius, ring inner and outer radius. */
    private static final double DISC = 2.0;
    private static final double RING_IN = 3.0;
    private static final double RING_OUT = 5.0;

    private static final int DISC_REGION = 12;
    private static final int N = 13;
    private static final int E = 14;
    private static final int S = 15;
    private static final int W = 16;
    private static final int PIXEL = 17;

    private DetectorWeights() {
    }

    /** W1 as [18][11][11]: each channel a normalised averaging kernel (sums to 1). */
    public static float[][][] conv1() {
        float[][][] w = new float[REGIONS][KERNEL][KERNEL];
        int c = KERNEL / 2;
        for (int k = 0; k < 4; k++) {
            double angle = Math.PI / 4 * k;
            double ux = StrictMath.cos(angle);
            double uy = StrictMath.sin(angle);
            for (int y = 0; y < KERNEL; y++) {
                for (int x = 0; x < KERNEL; x++) {
                    double dx = x - c;
                    double dy = y - c;
                    double s = dx * ux + dy * uy;
                    double o = -dx * uy + dy * ux;
                    if (Math.abs(s) > HALF_LENGTH) {
                        continue;
                    }
                    w[3 * k][y][x] = (float) Math.max(0, 1 - Math.abs(o));
                    w[3 * k + 1][y][x] = (float) Math.max(0, 1 - Math.abs(o + SIDE_OFFSET));
                    w[3 * k + 2][y][x] = (float) Math.max(0, 1 - Math.abs(o - SIDE_OFFSET));
                }
            }
        }
        for (int y = 0; y < KERNEL; y++) {
            for (int x = 0; x < KERNEL; x++) {
                double dx = x - c;
                double dy = y - c;
                double d = Math.sqrt(dx * dx + dy * dy);
                if (d <= DISC) {
                    w[DISC_REGION][y][x] = 1;
                } else if (d >= RING_IN && d <= RING_OUT) {
                    // Quarters N, E, S, W; pixels on a diagonal go half to each neighbour.
                    double ax = Math.abs(dx);
                    double ay = Math.abs(dy);
                    float vertical = ay > ax ? 1 : ay == ax ? 0.5f : 0;
                    w[dy < 0 ? N : S][y][x] += vertical;
                    w[dx > 0 ? E : W][y][x] += 1 - vertical;
                }
            }
        }
        w[PIXEL][c][c] = 1;
        for (float[][] channel : w) {
            normalise(channel);
        }
        return w;
    }

    /** W2 as [35][18] and B2 as [35] in {@link #conv2Bias()}; layout in {@link #HIDDEN}. */
    public static float[][] conv2() {
        float[][] w = new float[HIDDEN][REGIONS];
        for (int k = 0; k < 4; k++) {
            int c = 3 * k;
            int l = c + 1;
            int r = c + 2;
            int h = 6 * k;
            // min(L, R) - C = (L + R) / 2 - C - |L - R| / 2
            w[h][l] = 0.5f;
            w[h][r] = 0.5f;
            w[h][c] = -1;
            w[h + 1][l] = 1;
            w[h + 1][r] = -1;
            w[h + 2][l] = -1;
            w[h + 2][r] = 1;
            w[h + 3][c] = -1;
            w[h + 4][l] = 1;
            w[h + 5][r] = 1;
        }
        int[] quarters = {N, E, S, W};
        for (int q : quarters) {
            w[24][q] = 0.25f;
            w[25][q] = -0.25f;
        }
        w[24][DISC_REGION] = -1;
        w[25][DISC_REGION] = 1;
        w[26][N] = 1;
        w[26][S] = -1;
        w[27][N] = -1;
        w[27][S] = 1;
        w[28][E] = 1;
        w[28][W] = -1;
        w[29][E] = -1;
        w[29][W] = 1;
        w[30][N] = 0.5f;
        w[30][S] = 0.5f;
        w[30][E] = -0.5f;
        w[30][W] = -0.5f;
        for (int q : quarters) {
            w[31][q] = -w[30][q];
        }
        w[32][DISC_REGION] = -1;
        w[33][DISC_REGION] = 1;
        w[34][PIXEL] = SATURATION_GAIN;
        return w;
    }

    public static float[] conv2Bias() {
        float[] b = new float[HIDDEN];
        for (int k = 0; k < 4; k++) {
            b[6 * k + 3] = DARK;
            b[6 * k + 4] = -BRIGHT;
            b[6 * k + 5] = -BRIGHT;
        }
        b[32] = DARK;
        b[33] = -BRIGHT;
        b[34] = -SATURATION * SATURATION_GAIN;
        return b;
    }

    /** W3 as [7][35] and B3 as [7] in {@link #conv3Bias()}. */
    public static float[][] conv3() {
        float[][] w = new float[DETECTORS][HIDDEN];
        for (int k = 0; k < 4; k++) {
            int h = 6 * k;
            w[k][h] = 1;
            w[k][h + 1] = -0.5f;
            w[k][h + 2] = -0.5f;
            w[k][h + 3] = -GATE;
            w[k][h + 4] = -GATE;
            w[k][h + 5] = -GATE;
        }
        // min over quarters >= mean - (|N - S| + |E - W|) / 2 - |N + S - E - W| / 4
        w[4][24] = 1;
        w[5][25] = 1;
        for (int d = 4; d <= 5; d++) {
            for (int h = 26; h <= 31; h++) {
                w[d][h] = -0.5f;
            }
            w[d][32] = -GATE;
            w[d][33] = -GATE;
        }
        w[6][34] = 1;
        return w;
    }

    public static float[] conv3Bias() {
        return new float[] {-LINE_THRESHOLD, -LINE_THRESHOLD, -LINE_THRESHOLD, -LINE_THRESHOLD,
            -LYTIC_THRESHOLD, -SCLEROTIC_THRESHOLD, 0};
    }

    /** G as [7]: the Gemm weight of each pooled detector. */
    public static float[] gemm() {
        return GEMM.clone();
    }

    public static float gemmBias() {
        return GEMM_BIAS;
    }

    private static void normalise(float[][] kernel) {
        double sum = 0;
        for (float[] row : kernel) {
            for (float v : row) {
                sum += v;
            }
        }
        for (float[] row : kernel) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (row[i] / sum);
            }
        }
    }
}
