package org.muraarena.dataset.synth;

import java.util.SplittableRandom;

import static org.muraarena.dataset.synth.Bone.end;
import static org.muraarena.dataset.synth.Bone.shaft;

/**
 * Canonical anatomy of the long-bone views: forearm, humerus, elbow and shoulder. The limb runs
 * along +y; one unit is about the image's long side. Sizes jitter a little per image.
 */
final class LimbShapes {
    /**
     * Narrowest joint space, in canonical units (about 6 px of the detector's 256): bones closer
     * than this leave thin dark gaps that look just like fracture lines.
     */
    static final double JOINT = 0.028;

    private LimbShapes() {
    }

    /** Radius and ulna side by side (not crossed: the narrow wedge where they cross reads as a line). */
    static Anatomy forearm(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.12);
        a.tissue(0, -0.8, 0, 0.8, 0.17 * w, 0.12 * w, 1.0);
        double s = 0.055 * w;
        a.bone(true, 1.0, shaft(-s, -0.5, -s, 0.36, 0.021 * w, 0.032 * w),
                end(-s, 0.36, -s * 1.2, 0.45, 0.032 * w, 0.05 * w), end(-s * 1.5, 0.48, s * 0.1, 0.48, 0.03 * w),
                end(-s, -0.52, -s, -0.56, 0.034 * w));
        a.bone(true, 0.95, shaft(s, -0.52, s * 0.9, 0.44, 0.032 * w, 0.021 * w),
                end(s * 0.9, 0.48, 0.028 * w), end(s * 1.1, -0.6, s * 1.05, -0.52, 0.045 * w, 0.034 * w));
        return a;
    }

    /** One long bone: head and tuberosity above, flaring condyles below. */
    static Anatomy humerus(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.12);
        a.tissue(0, -0.75, 0, 0.75, 0.22 * w, 0.17 * w, 1.05);
        a.bone(true, 1.05, shaft(0, -0.32, 0, 0.3, 0.038 * w, 0.034 * w),
                end(0, -0.32, 0.01, -0.4, 0.038 * w, 0.06 * w),
                end(0.025, -0.43, 0.08 * w), end(-0.045, -0.41, 0.05 * w),
                end(0, 0.3, 0, 0.4, 0.034 * w, 0.06 * w), end(-0.055 * w, 0.43, 0.055 * w, 0.43, 0.032 * w));
        // Sometimes the glenoid above and the forearm bones below, a joint space away.
        if (rng.nextDouble() < 0.5) {
            a.bone(false, 0.6, end(0.175, -0.5, 0.185, -0.38, 0.03 * w));
        }
        if (rng.nextDouble() < 0.5) {
            a.bone(false, 0.9, shaft(-0.045, 0.54, -0.055, 0.85, 0.028 * w, 0.024 * w));
            a.bone(false, 0.9, shaft(0.05, 0.535, 0.06, 0.85, 0.03 * w, 0.024 * w));
        }
        return a;
    }

    /** Humerus meeting radius and ulna at a joint, flexed from straight (AP) to about 90 degrees (lateral). */
    static Anatomy elbow(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.12);
        double flex = rng.nextDouble() < 0.5 ? rng.nextDouble() * 0.25 : 0.9 + rng.nextDouble() * 0.7;
        double dx = StrictMath.sin(flex);
        double dy = StrictMath.cos(flex);
        double px = dy;
        double py = -dx;
        a.tissue(0, -0.8, 0, 0, 0.16 * w, 0.17 * w, 1.0);
        a.tissue(0, 0, 0.8 * dx, 0.8 * dy, 0.16 * w, 0.13 * w, 0.95);
        a.bone(true, 1.0, shaft(0, -0.75, 0, -0.22, 0.034 * w, 0.04 * w), end(0, -0.22, 0, -0.1, 0.04 * w, 0.07 * w),
                end(-0.06 * w, -0.065, 0.06 * w, -0.065, 0.038 * w));
        double o = 0.05 * w;
        a.bone(true, 0.95, shaft(0.07 * dx - o * px, 0.07 * dy - o * py, 0.8 * dx - o * px, 0.8 * dy - o * py,
                0.02 * w, 0.027 * w), end(0.035 * dx - o * px, 0.035 * dy - o * py, 0.032 * w));
        a.bone(true, 0.95, shaft(0.05 * dx + o * px, 0.05 * dy + o * py, 0.8 * dx + o * px, 0.8 * dy + o * py,
                0.036 * w, 0.024 * w), end(-0.01 * dx + 1.3 * o * px, -0.01 * dy + 1.3 * o * py, 0.04 * w));
        return a;
    }

    /** Humeral head against the glenoid, with scapula, acromion and clavicle around it. */
    static Anatomy shoulder(SplittableRandom rng) {
        Anatomy a = new Anatomy();
        double w = jitter(rng, 0.1);
        a.tissue(-0.6, -0.5, -0.6, 0.9, 0.5, 0.85);
        a.tissue(0.05, -0.1, 0.12, 0.9, 0.3 * w, 0.24 * w, 1.0);
        a.bone(true, 1.0, shaft(0.06 * w, 0.2, 0.1 * w, 0.8, 0.07 * w, 0.055 * w),
                end(0.02 * w, 0.04, 0.06 * w, 0.2, 0.1 * w, 0.07 * w), end(0, 0, 0.125 * w),
                end(0.08 * w, 0.02, 0.07 * w));
        a.bone(false, 0.9, end(-0.22 * w, -0.1, -0.23 * w, 0.08, 0.035 * w, 0.03 * w));
        a.bone(false, 0.45, end(-0.22 * w, 0.05, -0.4 * w, 0.6, 0.1 * w, 0.05 * w));
        a.bone(false, 0.45, end(-0.22 * w, -0.17, -0.6, -0.1, 0.06 * w, 0.05 * w));
        a.bone(true, 0.9, shaft(0.06, -0.31, -0.65, -0.4, 0.034 * w, 0.03 * w));
        a.bone(false, 0.8, end(-0.12 * w, -0.3, 0.08 * w, -0.3, 0.03 * w, 0.036 * w));
        a.bone(false, 0.7, end(-0.15 * w, -0.2, -0.08 * w, -0.16, 0.026 * w, 0.018 * w));
        return a;
    }

    /** A factor in [1 - spread, 1 + spread]. */
    static double jitter(SplittableRandom rng, double spread) {
        return 1 + spread * (2 * rng.nextDouble() - 1);
    }
}
