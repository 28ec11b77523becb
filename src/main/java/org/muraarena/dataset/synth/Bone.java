package org.muraarena.dataset.synth;

import java.util.List;

/**
 * One bone: pieces painted as their union (so a shaft and its end do not double up where they
 * overlap), while different bones add up, as overlapping bones do on film.
 *
 * @param pieces the first piece is the shaft, where findings go
 * @param density how strongly the bone attenuates, relative to a typical long bone
 * @param findable whether a finding may be placed on this bone
 */
record Bone(List<Piece> pieces, double density, boolean findable) {

    /**
     * A tube: cortex from the outer radius in to {@code medulla} x radius, then marrow that
     * attenuates {@code marrow} times as much. Its projection has the bright cortical rims of film.
     */
    record Piece(Capsule shape, double medulla, double marrow) {

        /** Projected path length through the piece at normalised distance u = d / r from its axis. */
        double profile(double u) {
            if (u >= 1) {
                return 0;
            }
            double outer = Math.sqrt(1 - u * u);
            double k2 = medulla * medulla - u * u;
            double inner = k2 > 0 ? Math.sqrt(k2) : 0;
            return 2 * (outer - inner) + 2 * inner * marrow;
        }
    }

    /** A diaphysis: thick cortex, dark marrow. */
    static Piece shaft(double ax, double ay, double bx, double by, double r) {
        return shaft(ax, ay, bx, by, r, r);
    }

    /** A diaphysis flaring (or narrowing) from ra at a to rb at b. */
    static Piece shaft(double ax, double ay, double bx, double by, double ra, double rb) {
        return new Piece(new Capsule(ax, ay, bx, by, ra, rb), 0.7, 0.35);
    }

    /** An epiphysis, carpal or head: thin cortex over brighter spongy bone. */
    static Piece end(double ax, double ay, double bx, double by, double r) {
        return end(ax, ay, bx, by, r, r);
    }

    /** A flaring metaphysis or an elongated end, radius ra at a to rb at b. */
    static Piece end(double ax, double ay, double bx, double by, double ra, double rb) {
        return new Piece(new Capsule(ax, ay, bx, by, ra, rb), 0.85, 0.55);
    }

    static Piece end(double x, double y, double r) {
        return end(x, y, x, y, r);
    }

    Capsule shaft() {
        return pieces.get(0).shape();
    }

    Bone map(Pose pose) {
        return new Bone(pieces.stream()
                .map(p -> new Piece(p.shape().map(pose), p.medulla(), p.marrow())).toList(), density, findable);
    }

    Box box(int w, int h) {
        Box box = new Box(0, 0, 0, 0);
        for (Piece p : pieces) {
            box = box.union(p.shape().box(w, h));
        }
        return box;
    }
}
