package org.muraarena.dataset.synth;

/**
 * A thin dark irregular line across a bone: bone density is scaled down by a Gaussian of the
 * distance to a wavy line, within {@code halfLength} of the site along the line; when
 * {@code stepX, stepY} is nonzero the far fragment is shifted by it (a step-off).
 */
final class Fracture implements BoneModifier {
    private final double cx;
    private final double cy;
    private final double ux;
    private final double uy;
    private final double centre;
    private final double halfLength;
    private final double width;
    private final double depth;
    private final double[] wave;
    private final double stepX;
    private final double stepY;

    /**
     * @param ux unit direction of the line; its normal is (-uy, ux)
     * @param centre where along the line the gap is centred, relative to (cx, cy)
     * @param wave amplitude, frequency, phase of two sine terms that make the line irregular
     */
    Fracture(double cx, double cy, double ux, double uy, double centre, double halfLength, double width,
            double depth, double[] wave, double stepX, double stepY) {
        this.cx = cx;
        this.cy = cy;
        this.ux = ux;
        this.uy = uy;
        this.centre = centre;
        this.halfLength = halfLength;
        this.width = width;
        this.depth = depth;
        this.wave = wave.clone();
        this.stepX = stepX;
        this.stepY = stepY;
    }

    @Override
    public void apply(float[] values, int w, Box box) {
        int bw = box.x1() - box.x0();
        float[] src = new float[bw * (box.y1() - box.y0())];
        for (int y = box.y0(); y < box.y1(); y++) {
            System.arraycopy(values, y * w + box.x0(), src, (y - box.y0()) * bw, bw);
        }
        boolean step = stepX != 0 || stepY != 0;
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double s = dx * ux + dy * uy;
                double e = -dx * uy + dy * ux - offset(s);
                double v = values[y * w + x];
                if (step && e > 0) {
                    v = sample(src, bw, box, x - stepX, y - stepY);
                }
                double along = Math.abs(s - centre) - halfLength;
                double reach = along <= 0 ? 1 : StrictMath.exp(-along * along / (width * width));
                double gap = depth * reach * StrictMath.exp(-e * e / (width * width));
                values[y * w + x] = (float) (v * (1 - gap));
            }
        }
    }

    private double offset(double s) {
        return wave[0] * StrictMath.sin(wave[1] * s + wave[2]) + wave[3] * StrictMath.sin(wave[4] * s + wave[5]);
    }

    /** Bilinear read of the unshifted bone, zero outside its box. */
    private static double sample(float[] src, int bw, Box box, double x, double y) {
        double fx = x - box.x0();
        double fy = y - box.y0();
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double ax = fx - x0;
        double ay = fy - y0;
        int bh = box.y1() - box.y0();
        return (1 - ay) * ((1 - ax) * at(src, bw, bh, x0, y0) + ax * at(src, bw, bh, x0 + 1, y0))
                + ay * ((1 - ax) * at(src, bw, bh, x0, y0 + 1) + ax * at(src, bw, bh, x0 + 1, y0 + 1));
    }

    private static double at(float[] src, int bw, int bh, int x, int y) {
        return x < 0 || y < 0 || x >= bw || y >= bh ? 0 : src[y * bw + x];
    }
}
