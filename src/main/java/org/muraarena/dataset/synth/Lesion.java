package org.muraarena.dataset.synth;

/**
 * A rounded patch inside a bone with a soft edge: lytic (density scaled down, often with a
 * faint sclerotic rim) or sclerotic (density added, in proportion to the bone under it).
 */
final class Lesion implements BoneModifier {
    private final double cx;
    private final double cy;
    private final double radius;
    private final double lytic;
    private final double rim;
    private final double sclerotic;

    /**
     * @param lytic fraction of density removed at the centre (0 for a sclerotic lesion)
     * @param rim density added on a ring at the edge, relative to the bone there
     * @param sclerotic fraction of density added at the centre
     */
    Lesion(double cx, double cy, double radius, double lytic, double rim, double sclerotic) {
        this.cx = cx;
        this.cy = cy;
        this.radius = radius;
        this.lytic = lytic;
        this.rim = rim;
        this.sclerotic = sclerotic;
    }

    @Override
    public void apply(float[] values, int w, Box box) {
        double reach = 1.5 * radius;
        Box b = Box.clipped(cx - reach, cy - reach, cx + reach, cy + reach, box.x1(), box.y1());
        for (int y = Math.max(b.y0(), box.y0()); y < b.y1(); y++) {
            for (int x = Math.max(b.x0(), box.x0()); x < b.x1(); x++) {
                int i = y * w + x;
                double v = values[i];
                if (v <= 0) {
                    continue;
                }
                double ex = x + 0.5 - cx;
                double ey = y + 0.5 - cy;
                double d = Math.sqrt(ex * ex + ey * ey) / radius;
                double core = smooth((1.15 - d) / 0.5);
                double ring = StrictMath.exp(-(d - 1.05) * (d - 1.05) / 0.03);
                values[i] = (float) (v * (1 - lytic * core + rim * ring + sclerotic * core));
            }
        }
    }

    /** Smoothstep of t clamped to [0, 1]. */
    private static double smooth(double t) {
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        return t * t * (3 - 2 * t);
    }
}
