package org.muraarena.dataset.synth;

/**
 * A segment whose radius runs linearly from {@code ra} at a to {@code rb} at b, with round ends:
 * the one primitive that tissue, bones and metal are built from (a disc when a == b). A taper
 * gives flaring metaphyses and limbs that narrow without seams. Coordinates are in whatever
 * frame its user works in.
 */
record Capsule(double ax, double ay, double bx, double by, double ra, double rb) {

    Capsule(double ax, double ay, double bx, double by, double r) {
        this(ax, ay, bx, by, r, r);
    }

    static Capsule disc(double x, double y, double r) {
        return new Capsule(x, y, x, y, r, r);
    }

    /**
     * Distance from (x, y) to the nearest axis point, over the radius there: below 1 inside.
     * Measuring to the nearest axis point rather than to the true cone is close enough for gentle tapers.
     */
    double normalisedDistance(double x, double y) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = x - (ax + t * dx);
        double ey = y - (ay + t * dy);
        return Math.sqrt(ex * ex + ey * ey) / (ra + t * (rb - ra));
    }

    /** Mean radius. */
    double r() {
        return 0.5 * (ra + rb);
    }

    double length() {
        return StrictMath.hypot(bx - ax, by - ay);
    }

    /** The point a fraction t of the way from a to b. */
    double[] at(double t) {
        return new double[] {ax + t * (bx - ax), ay + t * (by - ay)};
    }

    /** Unit vector from a to b ((0, 1) for a disc). */
    double[] direction() {
        double len = length();
        return len == 0 ? new double[] {0, 1} : new double[] {(bx - ax) / len, (by - ay) / len};
    }

    Capsule map(Pose pose) {
        return new Capsule(pose.x(ax, ay), pose.y(ax, ay), pose.x(bx, by), pose.y(bx, by),
                ra * pose.scale(), rb * pose.scale());
    }

    /** Pixel box that holds the capsule, clipped to a w x h image; empty when outside. */
    Box box(int w, int h) {
        double r = Math.max(ra, rb);
        return Box.clipped(Math.min(ax, bx) - r, Math.min(ay, by) - r, Math.max(ax, bx) + r, Math.max(ay, by) + r, w, h);
    }
}
