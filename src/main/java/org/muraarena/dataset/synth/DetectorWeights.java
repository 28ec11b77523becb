package org.muraarena.dataset.synth;

/**
 * Every weight of the baseline's detector (the tests' {@code SimpleDetector} computes it in plain
 * Java), hand-set, in one place, laid out as ONNX wants them (Conv weights [out][in][kh][kw]; the
 * first layer has one input channel, so [out][kh][kw] here).
 * The graph, input X of shape [N, 1, 256, 256] (see {@code SimpleDetector.resizeToInput} in the tests):
 * <pre>
 * R = Conv(X, W1 [54,1,15,15], no bias, pads 0, strides 1)    regional means, [N, 54, 242, 242]
 * H = Relu(Conv(R, W2 [109,54,1,1], B2 [109]))                contrasts, their parts, gates
 * F = Relu(Conv(H, W3 [11,109,1,1], B3 [11]))                 finding detectors
 * P = GlobalMaxPool(AveragePool(F, kernel_shape 4x4, strides 4x4, pads 0))   [N, 11, 1, 1]
 * Y = Sigmoid(Gemm(Flatten(P), G as B [11,1], GB [1]))      probability of abnormal, [N, 1]
 * </pre>
 * Regions (R): per line orientation k (k x 22.5 degrees), channels 6k..6k+5: the two halves
 * (along the line) of a centre strip C1, C2 and of strips 2.5 px to either side L1, L2, R1, R2;
 * then a disc of radius 2.5 (48), the quarters N, E, S, W of a ring of radius 5 to 7 around it
 * (49–52), and the centre pixel (53).
 * <p>Detectors (F): 0–7 a thin dark line at each orientation: a lower bound of
 * min(L1, L2, R1, R2) - max(C1, C2), so both halves of both sides must be brighter than the
 * centre, as along a gap across a bone and not along the tapering wedge between two touching
 * bones; 8 a dark spot (lytic lesion) and 9 a bright spot (sclerotic lesion), darker or brighter
 * than every quarter of the ring around it (a lower bound again); 10 saturated pixels (metal).
 * Each is minus a threshold, through a ReLU. Mins and maxes are built from ReLUs,
 * min(a, b) = (a + b) / 2 - relu(a - b) / 2 - relu(b - a) / 2, which is why H exists; H also
 * holds gates that veto a line or spot whose centre is too dark, or surround too bright or too
 * dark, to be bone (background, side markers, metal, bone ends).
 */
public final class DetectorWeights {
    /** Input side: the image is stretched to SIZE x SIZE. */
    public static final int SIZE = 256;
    public static final int KERNEL = 15;
    public static final int ORIENTATIONS = 8;
    public static final int REGIONS = 6 * ORIENTATIONS + 6;
    /**
     * Hidden channels: per orientation k, 12k + (0: mean of sides - mean of centre, 1/2: ±(L1 - L2),
     * 3/4: ±(R1 - R2), 5/6: ±(L1 + L2 - R1 - R2) / 2, 7/8: ±(C1 - C2), 9: DARK - centre,
     * 10: L - BRIGHT, 11: R - BRIGHT); from SPOT: ring mean - disc, disc - ring mean, ±(N - S),
     * ±(E - W), ±(N + S - E - W) / 2, DARK - disc, ring mean - BRIGHT, disc - BRIGHT,
     * BONE - ring mean; last, metal.
     */
    public static final int HIDDEN = 12 * ORIENTATIONS + 13;
    public static final int DETECTORS = ORIENTATIONS + 3;
    public static final int POOL = 4;

    /** Grey levels (0–1) a line must be darker than both its sides by. */
    static final float LINE_THRESHOLD = 0.045f;
    /** Grey levels a spot must be darker (lytic) or brighter (sclerotic) than around it by. */
    static final float LYTIC_THRESHOLD = 0.04f;
    static final float SCLEROTIC_THRESHOLD = 0.03f;
    /** Pixels above this are metal; the gain maps [0.95, 1] to [0, 1]. */
    static final float SATURATION = 0.95f;
    static final float SATURATION_GAIN = 20f;
    /**
     * Gates: a centre darker than DARK lies outside bone; sides brighter than BRIGHT are markers
     * or metal. Each grey level past a gate costs GATE grey levels of contrast.
     */
    static final float DARK = 0.27f;
    static final float BRIGHT = 0.8f;
    static final float GATE = 12f;
    /**
     * A spot's ring must be about as bright as bone: a ring darker than this lies (partly) on
     * soft tissue, around a bone end or a small bone rather than a lesion inside a bone.
     */
    static final float BONE = 0.5f;

    /**
     * Gemm weight of each pooled detector (lines, lytic spot, sclerotic spot, metal) and the bias.
     * Set by hand against synthetic studies drawn apart from the tests: a pooled line response of
     * 0.01 (a faint fracture) or a lytic response of 0.015 already outweighs the bias. The
     * sclerotic spot also answers to small round bones, so it counts for little.
     */
    private static final float LINE_WEIGHT = 300f;
    private static final float LYTIC_WEIGHT = 200f;
    private static final float SCLEROTIC_WEIGHT = 15f;
    private static final float METAL_WEIGHT = 40f;
    private static final float GEMM_BIAS = -1.5f;

    /** Line regions: centre strip within 1 px of the line, side strips 2.5 px off, 9 px long. */
    private static final double SIDE_OFFSET = 2.5;
    private static final double HALF_LENGTH = 4;
    /** Spot regions: centre disc radius, ring inner and outer radius. */
    private static final double DISC = 2.5;
    private static final double RING_IN = 5.0;
    private static final double RING_OUT = 7.0;

    private static final int DISC_REGION = 6 * ORIENTATIONS;
    private static final int N = DISC_REGION + 1;
    private static final int E = DISC_REGION + 2;
    private static final int S = DISC_REGION + 3;
    private static final int W = DISC_REGION + 4;
    private static final int PIXEL = DISC_REGION + 5;
    private static final int SPOT = 12 * ORIENTATIONS;
    private static final int GATES = SPOT + 8;
    private static final int METAL = HIDDEN - 1;

    private DetectorWeights() {
    }

    /** W1 as [54][15][15]: each channel an averaging kernel (weights sum to 1). */
    public static float[][][] conv1() {
        float[][][] w = new float[REGIONS][KERNEL][KERNEL];
        int c = KERNEL / 2;
        for (int k = 0; k < ORIENTATIONS; k++) {
            double angle = Math.PI * k / ORIENTATIONS;
            double ux = StrictMath.cos(angle);
            double uy = StrictMath.sin(angle);
            for (int y = 0; y < KERNEL; y++) {
                for (int x = 0; x < KERNEL; x++) {
                    double dx = x - c;
                    double dy = y - c;
                    double s = dx * ux + dy * uy;
                    if (Math.abs(s) > HALF_LENGTH) {
                        continue;
                    }
                    double o = -dx * uy + dy * ux;
                    // First half s < 0, second s > 0; a pixel on the split goes half to each.
                    float first = s < -1e-9 ? 1 : s > 1e-9 ? 0 : 0.5f;
                    double[] strips = {Math.max(0, 1 - Math.abs(o)), Math.max(0, 1 - Math.abs(o + SIDE_OFFSET)),
                        Math.max(0, 1 - Math.abs(o - SIDE_OFFSET))};
                    for (int strip = 0; strip < 3; strip++) {
                        w[6 * k + 2 * strip][y][x] = (float) (strips[strip] * first);
                        w[6 * k + 2 * strip + 1][y][x] = (float) (strips[strip] * (1 - first));
                    }
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
                    // Quarters N, E, S, W; a pixel on a diagonal goes half to each neighbour.
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

    /** W2 as [109][54]; biases in {@link #conv2Bias()}. */
    public static float[][] conv2() {
        float[][] w = new float[HIDDEN][REGIONS];
        for (int k = 0; k < ORIENTATIONS; k++) {
            int c1 = 6 * k;
            int c2 = c1 + 1;
            int l1 = c1 + 2;
            int l2 = c1 + 3;
            int r1 = c1 + 4;
            int r2 = c1 + 5;
            int h = 12 * k;
            add(w[h], 0.25f, l1, l2, r1, r2);
            add(w[h], -0.5f, c1, c2);
            setPair(w, h + 1, l1, l2);
            setPair(w, h + 3, r1, r2);
            add(w[h + 5], 0.5f, l1, l2);
            add(w[h + 5], -0.5f, r1, r2);
            add(w[h + 6], -0.5f, l1, l2);
            add(w[h + 6], 0.5f, r1, r2);
            setPair(w, h + 7, c1, c2);
            add(w[h + 9], -0.5f, c1, c2);
            add(w[h + 10], 0.5f, l1, l2);
            add(w[h + 11], 0.5f, r1, r2);
        }
        add(w[SPOT], 0.25f, N, E, S, W);
        add(w[SPOT], -1, DISC_REGION);
        add(w[SPOT + 1], -0.25f, N, E, S, W);
        add(w[SPOT + 1], 1, DISC_REGION);
        setPair(w, SPOT + 2, N, S);
        setPair(w, SPOT + 4, E, W);
        add(w[SPOT + 6], 0.5f, N, S);
        add(w[SPOT + 6], -0.5f, E, W);
        add(w[SPOT + 7], -0.5f, N, S);
        add(w[SPOT + 7], 0.5f, E, W);
        add(w[GATES], -1, DISC_REGION);
        add(w[GATES + 1], 0.25f, N, E, S, W);
        add(w[GATES + 2], 1, DISC_REGION);
        add(w[GATES + 3], -0.25f, N, E, S, W);
        w[METAL][PIXEL] = SATURATION_GAIN;
        return w;
    }

    /** B2 as [109]. */
    public static float[] conv2Bias() {
        float[] b = new float[HIDDEN];
        for (int k = 0; k < ORIENTATIONS; k++) {
            b[12 * k + 9] = DARK;
            b[12 * k + 10] = -BRIGHT;
            b[12 * k + 11] = -BRIGHT;
        }
        b[GATES] = DARK;
        b[GATES + 1] = -BRIGHT;
        b[GATES + 2] = -BRIGHT;
        b[GATES + 3] = BONE;
        b[METAL] = -SATURATION * SATURATION_GAIN;
        return b;
    }

    /** W3 as [11][109]; biases in {@link #conv3Bias()}. */
    public static float[][] conv3() {
        float[][] w = new float[DETECTORS][HIDDEN];
        for (int k = 0; k < ORIENTATIONS; k++) {
            // min(L1, L2, R1, R2) >= mean - (|L1 - L2| + |R1 - R2|) / 2 - |L1 + L2 - R1 - R2| / 4,
            // max(C1, C2) = mean + |C1 - C2| / 2.
            int h = 12 * k;
            w[k][h] = 1;
            for (int part = 1; part <= 8; part++) {
                w[k][h + part] = -0.5f;
            }
            w[k][h + 9] = -GATE;
            w[k][h + 10] = -GATE;
            w[k][h + 11] = -GATE;
        }
        // Lytic: min over quarters - disc >= ring mean - disc - (|N - S| + |E - W|) / 2 - |N + S - E - W| / 4;
        // sclerotic: disc - max over quarters, the same bound with the signs swapped.
        for (int d = 0; d < 2; d++) {
            float[] spot = w[ORIENTATIONS + d];
            spot[SPOT + d] = 1;
            for (int part = 2; part <= 7; part++) {
                spot[SPOT + part] = -0.5f;
            }
            spot[GATES] = -GATE;
            spot[GATES + 1] = -GATE;
            spot[GATES + 2] = -GATE;
            spot[GATES + 3] = -GATE;
        }
        w[ORIENTATIONS + 2][METAL] = 1;
        return w;
    }

    /** B3 as [11]. */
    public static float[] conv3Bias() {
        float[] b = new float[DETECTORS];
        for (int k = 0; k < ORIENTATIONS; k++) {
            b[k] = -LINE_THRESHOLD;
        }
        b[ORIENTATIONS] = -LYTIC_THRESHOLD;
        b[ORIENTATIONS + 1] = -SCLEROTIC_THRESHOLD;
        return b;
    }

    /** G as [11]: the Gemm weight of each pooled detector. */
    public static float[] gemm() {
        float[] g = new float[DETECTORS];
        for (int k = 0; k < ORIENTATIONS; k++) {
            g[k] = LINE_WEIGHT;
        }
        g[ORIENTATIONS] = LYTIC_WEIGHT;
        g[ORIENTATIONS + 1] = SCLEROTIC_WEIGHT;
        g[ORIENTATIONS + 2] = METAL_WEIGHT;
        return g;
    }

    /** GB: the Gemm bias. */
    public static float gemmBias() {
        return GEMM_BIAS;
    }

    private static void add(float[] row, float value, int... columns) {
        for (int col : columns) {
            row[col] += value;
        }
    }

    /** Channels h and h + 1 of W2 as relu(a - b) and relu(b - a): together |a - b|. */
    private static void setPair(float[][] w, int h, int a, int b) {
        w[h][a] = 1;
        w[h][b] = -1;
        w[h + 1][a] = -1;
        w[h + 1][b] = 1;
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
