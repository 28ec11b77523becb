package org.muraarena.dataset.synth;

/**
 * The layers one view is painted into before it is developed: soft-tissue and bone path lengths
 * and metal coverage, one float per pixel, pixel centres at (x + 0.5, y + 0.5).
 */
final class Film {
    final int w;
    final int h;
    final float[] tissue;
    final float[] bone;
    final float[] metal;
    private final float[] scratch;

    /** Blend width of the smooth union of a bone's pieces, in units of their radii. */
    private static final double FILLET = 0.6;

    Film(int w, int h) {
        this.w = w;
        this.h = h;
        tissue = new float[w * h];
        bone = new float[w * h];
        metal = new float[w * h];
        scratch = new float[w * h];
    }

    /** A tissue cylinder projects as sqrt(1 - u^2); tissue layers merge by maximum. */
    void addTissue(Anatomy.Tissue t) {
        Capsule c = t.shape();
        Box b = c.box(w, h);
        for (int y = b.y0(); y < b.y1(); y++) {
            for (int x = b.x0(); x < b.x1(); x++) {
                double u = c.normalisedDistance(x + 0.5, y + 0.5);
                if (u < 1) {
                    float v = (float) (t.density() * Math.sqrt(1 - u * u));
                    int i = y * w + x;
                    if (v > tissue[i]) {
                        tissue[i] = v;
                    }
                }
            }
        }
    }

    /**
     * Paints the bone's pieces as one smooth union, lets the modifier (may be null) alter it and
     * adds it in. The union blends the pieces' normalised distances with a smooth minimum, which
     * fills the notch where two pieces meet with a fillet, as at a real metaphysis: a sharp notch
     * would leave a narrow dark wedge that reads as a fracture line.
     */
    void addBone(Bone bone, BoneModifier modifier) {
        Box box = bone.box(w, h);
        if (box.isEmpty()) {
            return;
        }
        java.util.List<Bone.Piece> pieces = bone.pieces();
        Box[] boxes = new Box[pieces.size()];
        for (int k = 0; k < boxes.length; k++) {
            Capsule c = pieces.get(k).shape();
            double reach = (1 + FILLET) * Math.max(c.ra(), c.rb());
            boxes[k] = Box.clipped(Math.min(c.ax(), c.bx()) - reach, Math.min(c.ay(), c.by()) - reach,
                    Math.max(c.ax(), c.bx()) + reach, Math.max(c.ay(), c.by()) + reach, w, h);
            box = box.union(boxes[k]);
        }
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                double u = Double.MAX_VALUE;
                // Cortex and marrow blend between pieces too, or the seam would show as a line.
                double weights = 0;
                double medulla = 0;
                double marrow = 0;
                for (int k = 0; k < boxes.length; k++) {
                    Box b = boxes[k];
                    if (x < b.x0() || x >= b.x1() || y < b.y0() || y >= b.y1()) {
                        continue;
                    }
                    Bone.Piece piece = pieces.get(k);
                    double uk = piece.shape().normalisedDistance(x + 0.5, y + 0.5);
                    u = smoothMin(u, uk);
                    double wk = 1 / (1e-3 + uk * uk * uk * uk);
                    weights += wk;
                    medulla += wk * piece.medulla();
                    marrow += wk * piece.marrow();
                }
                if (u < 1) {
                    Bone.Piece blend = new Bone.Piece(null, medulla / weights, marrow / weights);
                    scratch[y * w + x] = (float) (bone.density() * blend.profile(Math.max(0, u)));
                }
            }
        }
        if (modifier != null) {
            modifier.apply(scratch, w, box);
        }
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                int i = y * w + x;
                this.bone[i] += scratch[i];
                scratch[i] = 0;
            }
        }
    }

    /** Polynomial smooth minimum with blend width {@link #FILLET}. */
    private static double smoothMin(double a, double b) {
        if (a == Double.MAX_VALUE) {
            return b;
        }
        double h = Math.max(0, Math.min(1, 0.5 + 0.5 * (b - a) / FILLET));
        return b * (1 - h) + a * h - FILLET * h * (1 - h);
    }

    /** Metal is opaque: coverage 1 inside, a one-pixel ramp at the rim. */
    void addMetal(Capsule c) {
        Box b = c.box(w, h);
        for (int y = b.y0(); y < b.y1(); y++) {
            for (int x = b.x0(); x < b.x1(); x++) {
                // One pixel of ramp: the rim is where u = 1, and u changes by 1/r per pixel.
                double m = (1 - c.normalisedDistance(x + 0.5, y + 0.5)) * c.r() + 0.5;
                if (m > 0) {
                    int i = y * w + x;
                    metal[i] = (float) Math.max(metal[i], Math.min(1, m));
                }
            }
        }
    }
}
