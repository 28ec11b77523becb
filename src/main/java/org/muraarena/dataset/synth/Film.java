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

    /** Paints the union of the bone's pieces, lets the modifier (may be null) alter it, adds it in. */
    void addBone(Bone bone, BoneModifier modifier) {
        Box box = bone.box(w, h);
        if (box.isEmpty()) {
            return;
        }
        for (Bone.Piece p : bone.pieces()) {
            Capsule c = p.shape();
            Box b = c.box(w, h);
            for (int y = b.y0(); y < b.y1(); y++) {
                for (int x = b.x0(); x < b.x1(); x++) {
                    double u = c.normalisedDistance(x + 0.5, y + 0.5);
                    if (u < 1) {
                        float v = (float) (bone.density() * p.profile(u));
                        int i = y * w + x;
                        if (v > scratch[i]) {
                            scratch[i] = v;
                        }
                    }
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
