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
        double t = nearest(x, y);
        return distanceAt(x, y, t) / radiusAt(t);
    }

    /** Distance from (x, y) to the axis segment. */
    double axisDistance(double x, double y) {
        return distanceAt(x, y, nearest(x, y));
    }

    /**
     * The gap between the rims of p and q near their closest approach: axis distance minus the
     * radii there (negative where they overlap; minus both radii where the axes cross).
     */
    static double rimGap(Capsule p, Capsule q) {
        if (side(p, q.ax, q.ay) * side(p, q.bx, q.by) < 0 && side(q, p.ax, p.ay) * side(q, p.bx, p.by) < 0) {
            return -p.r() - q.r();
        }
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            Capsule from = k < 2 ? q : p;
            Capsule onto = k < 2 ? p : q;
            double tf = k % 2;
            double x = from.ax + tf * (from.bx - from.ax);
            double y = from.ay + tf * (from.by - from.ay);
            double t = onto.nearest(x, y);
            double gap = onto.distanceAt(x, y, t) - onto.radiusAt(t) - from.radiusAt(tf);
            best = Math.min(best, gap);
        }
        return best;
    }

    double radiusAt(double t) {
        return ra + t * (rb - ra);
    }

    private static double side(Capsule c, double x, double y) {
        return (c.bx - c.ax) * (y - c.ay) - (c.by - c.ay) * (x - c.ax);
    }

    private double nearest(double x, double y) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
        return t < 0 ? 0 : t > 1 ? 1 : t;
    }

    private double distanceAt(double x, double y, double t) {
        double ex = x - (ax + t * (bx - ax));
        double ey = y - (ay + t * (by - ay));
        return Math.sqrt(ex * ex + ey * ey);
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

    Capsule scaled(double factor) {
        return new Capsule(ax, ay, bx, by, ra * factor, rb * factor);
    }

    /** Pixel box that holds the capsule, clipped to a w x h image; empty when outside. */
    Box box(int w, int h) {
        double r = Math.max(ra, rb);
        return Box.clipped(Math.min(ax, bx) - r, Math.min(ay, by) - r, Math.max(ax, bx) + r, Math.max(ay, by) + r,
                w, h);
    }
}
