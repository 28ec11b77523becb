package org.muraarena.dataset.synth;

/**
 * Similarity transform from a body part's canonical frame to image pixels: optionally mirror x
 * (left versus right limb), then rotate, scale and shift.
 */
final class Pose {
    private final double scale;
    private final double cos;
    private final double sin;
    private final double tx;
    private final double ty;
    private final double flip;

    /** @param angle radians; StrictMath keeps the pixels identical on every JVM */
    Pose(double scale, double angle, double tx, double ty, boolean mirror) {
        this.scale = scale;
        this.cos = StrictMath.cos(angle);
        this.sin = StrictMath.sin(angle);
        this.tx = tx;
        this.ty = ty;
        this.flip = mirror ? -1 : 1;
    }

    double x(double cx, double cy) {
        return scale * (cos * flip * cx - sin * cy) + tx;
    }

    double y(double cx, double cy) {
        return scale * (sin * flip * cx + cos * cy) + ty;
    }

    double scale() {
        return scale;
    }
}
