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
        a.tissue(0, 0.04, 0, 0.3, 0.15 * w, 0.12 * w, 1.0);
        a.tissue(0, 0.3, 0, 0.75, 0.11 * w, 0.1 * w, 1.0);
        a.bone(true, 1.0, shaft(-0.045, 0.75, -0.045, 0.43, 0.03 * w, 0.036 * w), end(-0.09, 0.395, 0.0, 0.39, 0.028 * w));
        a.bone(false, 0.9, shaft(0.07, 0.75, 0.07, 0.43, 0.02 * w), end(0.07, 0.41, 0.024 * w));
        carpals(a, rng, w * 0.62, 0.28);
        double[] lengthFactor = {0.95, 1.0, 0.94, 0.78};
        for (int i = 0; i < 4; i++) {
            // Metacarpals a bone's width apart: the interosseous gaps must not read as thin lines.
            double angle = -Math.PI / 2 + spread * (i - 1.5);
            double bx = (-0.09 + 0.06 * i) * w;
            double f = lengthFactor[i];
            chain(a, true, bx, 0.21, angle, 0.04, new double[] {0.26 * f, 0.15 * f, 0.095 * f, 0.07 * f},
                    new double[] {0.017, 0.016, 0.014, 0.012}, w, 1.9);
        }
        double thumb = -Math.PI / 2 - 0.75 - 0.2 * rng.nextDouble();
        chain(a, true, -0.11 * w, 0.25, thumb, 0.08, new double[] {0.16, 0.11, 0.075},
                new double[] {0.022, 0.019, 0.016}, w, 1.8);
        return a;
    }

    /** Distal radius and ulna, two rows of carpals, metacarpal bases. */
    static Anatomy wrist(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.1);
        a.tissue(0, 0.95, 0, 0.1, 0.22 * w, 0.25 * w, 1.0);
        a.tissue(0, 0.1, 0, -0.95, 0.25 * w, 0.27 * w, 1.0);
        // Radius and ulna a joint space below the carpals.
        a.bone(true, 1.0, shaft(-0.04 * w, 0.97, -0.045 * w, 0.35, 0.05 * w, 0.06 * w),
                end(-0.045 * w, 0.35, -0.05 * w, 0.27, 0.06 * w, 0.09 * w), end(-0.15 * w, 0.225, 0.04 * w, 0.235, 0.035 * w));
        a.bone(true, 0.9, shaft(0.12 * w, 0.97, 0.12 * w, 0.3, 0.036 * w, 0.04 * w), end(0.12 * w, 0.26, 0.042 * w),
                end(0.15 * w, 0.215, 0.016 * w));
        carpals(a, rng, w, 0);
        // Metacarpals fan out with a bone's width between them; close parallel bones would leave
        // thin dark gaps that read as fracture lines.
        double[] xs = {-0.2, -0.1, -0.02, 0.06, 0.135};
        for (int i = 0; i < 5; i++) {
            double angle = -Math.PI / 2 + (i == 0 ? -0.5 : 0.1 * (i - 2.5));
            double c = StrictMath.cos(angle);
            double s = StrictMath.sin(angle);
            double bx = xs[i] * w;
            double by = i == 0 ? -0.13 : -0.16;
            a.bone(i > 0, 0.95, shaft(bx + 0.04 * c, by + 0.04 * s, bx + 0.9 * c, by + 0.9 * s, 0.026 * w, 0.022 * w),
                    end(bx, by, bx + 0.02 * c, by + 0.02 * s, 0.032 * w));
        }
        return a;
    }

    /**
     * Eight carpals in two rows around (0, y), scaled by w, each a short capsule at its own
     * angle; the scaphoid (first) may carry a finding, as scaphoid fractures are common.
     */
    private static void carpals(Anatomy a, SplittableRandom rng, double w, double y) {
        double[][] bones = {{-0.125, 0.05, 0.04, 0.034, 1.1}, {-0.035, 0.08, 0.015, 0.042, 0.3},
            {0.045, 0.085, 0.012, 0.037, -0.4}, {0.1, 0.1, 0.0, 0.026, 0}, {-0.15, -0.07, 0.012, 0.036, 0.5},
            {-0.08, -0.075, 0.01, 0.031, 0.2}, {-0.01, -0.06, 0.03, 0.042, 1.5}, {0.07, -0.065, 0.022, 0.04, 1.2}};
        for (int i = 0; i < bones.length; i++) {
            double[] b = bones[i];
            double angle = b[4] + 0.2 * (rng.nextDouble() - 0.5);
            double hx = b[2] * w * StrictMath.cos(angle);
            double hy = b[2] * w * StrictMath.sin(angle);
            // Packed so that they overlap: thin dark gaps between them would read as fractures.
            double x = b[0] * w;
            double cy = y + b[1] * w;
            a.bone(i == 0, 0.8, end(x - hx, cy - hy, x + hx, cy + hy, 1.12 * b[3] * w * jitter(rng, 0.05)));
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
