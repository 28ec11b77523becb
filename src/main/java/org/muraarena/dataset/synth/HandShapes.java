package org.muraarena.dataset.synth;

import java.util.SplittableRandom;

import static org.muraarena.dataset.synth.Bone.end;
import static org.muraarena.dataset.synth.Bone.shaft;
import static org.muraarena.dataset.synth.LimbShapes.jitter;

/** Canonical anatomy of the small-bone views: finger, hand and wrist (fingers point to -y). */
final class HandShapes {
    private HandShapes() {
    }

    /** One finger close up, from metacarpal to tuft, sometimes with its neighbours. */
    static Anatomy finger(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.12);
        double flex = rng.nextDouble() < 0.6 ? 0.03 : 0.12 + 0.2 * rng.nextDouble();
        int neighbours = rng.nextInt(3);
        for (int n = 0; n <= neighbours; n++) {
            double x0 = n == 0 ? 0 : (n == 1 ? -0.34 : 0.34) * w;
            double s = n == 0 ? w : 0.9 * w;
            chain(a, n == 0, x0, 0.9, -Math.PI / 2 + (n == 0 ? 0 : x0 * 0.3), n == 0 ? flex : 0.03,
                    new double[] {0.42, 0.32, 0.2, 0.14}, new double[] {0.068, 0.062, 0.052, 0.044}, s, 2.0);
        }
        return a;
    }

    /** Whole hand: radius and ulna ends, carpals, fanned metacarpals and fingers, thumb. */
    static Anatomy hand(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.1);
        double spread = 0.06 + 0.05 * rng.nextDouble();
        a.tissue(0, 0.04, 0, 0.3, 0.17 * w, 0.13 * w, 1.0);
        a.tissue(0, 0.3, 0, 0.75, 0.11 * w, 0.1 * w, 1.0);
        a.bone(true, 1.0, shaft(-0.045, 0.78, -0.045, 0.46, 0.03 * w, 0.036 * w),
                end(-0.09, 0.425, 0.0, 0.42, 0.028 * w));
        a.bone(false, 0.9, shaft(0.07, 0.78, 0.07, 0.46, 0.02 * w), end(0.07, 0.44, 0.024 * w));
        carpals(a, rng, w * 0.6, 0.28, 0.012, false);
        double[] lengthFactor = {0.95, 1.0, 0.94, 0.78};
        for (int i = 0; i < 4; i++) {
            // Metacarpals a bone's width apart: the interosseous gaps must not read as thin lines.
            double angle = -Math.PI / 2 + spread * (i - 1.5);
            double bx = (-0.1 + 0.067 * i) * w;
            double f = lengthFactor[i];
            chain(a, true, bx, 0.21, angle, 0.04, new double[] {0.26 * f, 0.15 * f, 0.095 * f, 0.07 * f},
                    new double[] {0.021, 0.019, 0.016, 0.014}, w, 1.8);
        }
        double thumb = -Math.PI / 2 - 0.75 - 0.2 * rng.nextDouble();
        chain(a, true, -0.13 * w, 0.26, thumb, 0.08, new double[] {0.16, 0.11, 0.075},
                new double[] {0.022, 0.019, 0.016}, w, 1.8);
        // Closer in, metacarpals centred: hand bones are otherwise too thin for a finding to show.
        return a.zoomed(1.3, 0, 0.12);
    }

    /** Distal radius and ulna, two rows of carpals, metacarpal bases. */
    static Anatomy wrist(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.1);
        a.tissue(0, 0.95, 0, 0.1, 0.22 * w, 0.25 * w, 1.0);
        a.tissue(0, 0.1, 0, -0.95, 0.25 * w, 0.27 * w, 1.0);
        // Radius and ulna a joint space below the carpals.
        a.bone(true, 1.0, shaft(-0.04 * w, 0.97, -0.045 * w, 0.35, 0.05 * w, 0.06 * w),
                end(-0.045 * w, 0.35, -0.05 * w, 0.27, 0.06 * w, 0.09 * w),
                end(-0.15 * w, 0.225, -0.005 * w, 0.235, 0.035 * w));
        a.bone(true, 0.9, shaft(0.12 * w, 0.97, 0.12 * w, 0.3, 0.036 * w, 0.04 * w), end(0.12 * w, 0.26, 0.042 * w));
        carpals(a, rng, w, 0, 0.075, true);
        // Metacarpals fan out with a bone's width between them; close parallel bones would leave
        // thin dark gaps that read as fracture lines.
        double[] xs = {-0.22, -0.115, -0.03, 0.055, 0.14};
        for (int i = 0; i < 5; i++) {
            double angle = -Math.PI / 2 + (i == 0 ? -0.5 : 0.1 * (i - 2.5));
            double c = StrictMath.cos(angle);
            double s = StrictMath.sin(angle);
            double bx = xs[i] * w;
            double by = i == 0 ? -0.17 : -0.2;
            a.bone(i > 0, 0.95, shaft(bx + 0.03 * c, by + 0.03 * s, bx + 0.9 * c, by + 0.9 * s, 0.025 * w, 0.022 * w),
                    end(bx, by, bx + 0.02 * c, by + 0.02 * s, 0.025 * w));
        }
        return a;
    }

    /** Carpals as (x, y, r): proximal row (scaphoid first), then distal row, about y = 0. */
    private static final double[][] PROXIMAL = {{-0.12, 0, 0.048}, {-0.045, 0, 0.048}, {0.03, 0, 0.048},
        {0.095, 0, 0.045}};
    private static final double[][] DISTAL = {{-0.12, 0, 0.045}, {-0.052, 0, 0.042}, {0.016, 0, 0.05},
        {0.084, 0, 0.045}};

    /**
     * The carpals around (0, y), scaled by w, each row the union of overlapping blobs (separate,
     * barely touching blobs would leave thin dark wedges that read as fractures), the rows
     * {@code apart} above and below y. With {@code findable} (the wrist view) the rows are two bones
     * and the proximal one may carry a finding (scaphoid fractures are common); otherwise (the
     * hand view, where the carpals are small) one bone, so that no joint space opens between rows.
     */
    private static void carpals(Anatomy a, SplittableRandom rng, double w, double y, double apart, boolean findable) {
        java.util.List<Bone.Piece> all = new java.util.ArrayList<>();
        for (double[][] row : new double[][][] {PROXIMAL, DISTAL}) {
            double cy = y + (row == PROXIMAL ? apart : -apart) * w;
            Bone.Piece[] pieces = new Bone.Piece[row.length];
            for (int i = 0; i < row.length; i++) {
                double r = row[i][2] * w * jitter(rng, 0.05);
                double x = row[i][0] * w;
                double yy = cy + row[i][1] * w;
                // The first piece is where findings go: make it an oblique capsule, like a scaphoid.
                double half = i == 0 ? 0.3 * r : 0;
                pieces[i] = end(x - half, yy + half, x + half, yy - half, r);
            }
            if (findable) {
                a.bone(row == PROXIMAL, 0.8, pieces);
            } else {
                all.addAll(java.util.List.of(pieces));
            }
        }
        if (!findable) {
            a.bone(false, 0.8, all.toArray(new Bone.Piece[0]));
        }
    }

    /**
     * Bones end to end from (x, y) along {@code angle}, each bending by {@code flex}, separated by
     * joint spaces, inside a soft-tissue sleeve {@code sleeve} times as wide as the bones.
     */
    private static void chain(Anatomy a, boolean findable, double x, double y, double angle, double flex,
            double[] lengths, double[] radii, double w, double sleeve) {
        for (int i = 0; i < lengths.length; i++) {
            double r = radii[i] * w;
            double gap = i == 0 ? 0 : Math.max(0.7 * r, LimbShapes.JOINT);
            double dx = StrictMath.cos(angle);
            double dy = StrictMath.sin(angle);
            double sx = x + dx * (gap + 1.1 * r);
            double sy = y + dy * (gap + 1.1 * r);
            double ex = x + dx * (gap + lengths[i]);
            double ey = y + dy * (gap + lengths[i]);
            boolean last = i == lengths.length - 1;
            a.bone(findable, 0.95, shaft(sx, sy, ex - dx * r, ey - dy * r, 0.8 * r, 0.62 * r),
                    end(sx, sy, 1.1 * r), end(ex - dx * r, ey - dy * r, last ? 0.8 * r : 0.92 * r));
            double next = i + 1 < radii.length ? radii[i + 1] * w : 0.8 * r;
            a.tissue(x, y, ex, ey, sleeve * r, sleeve * next, 1.0);
            x = ex;
            y = ey;
            angle += flex;
        }
    }
}
