package org.muraarena.dataset.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.muraarena.core.BodyPart;

/**
 * Orthopaedic metal as capsules: plate with screws, loose screws, an intramedullary pin, K-wires.
 * Sizes follow the bone, with a floor in pixels so that metal on a small bone still shows.
 */
final class Hardware {
    private Hardware() {
    }

    /**
     * Shapes around a site on a shaft: (x, y) on the axis, (ax, ay) the axis direction, r the
     * shaft radius, px pixels per 1/512 of the image's long side.
     */
    static List<Capsule> shapes(BodyPart part, double x, double y, double ax, double ay, double r, double px,
            SplittableRandom rng) {
        boolean small = part == BodyPart.XR_FINGER || part == BodyPart.XR_HAND || part == BodyPart.XR_WRIST;
        double pick = rng.nextDouble();
        if (small ? pick < 0.4 : pick < 0.15) {
            return kWires(x, y, ax, ay, r, px, rng);
        }
        if (pick < (small ? 0.8 : 0.6)) {
            return plate(x, y, ax, ay, r, px, rng);
        }
        if (small || pick < 0.8) {
            return screws(x, y, ax, ay, r, px, rng);
        }
        double half = r * (4 + 4 * rng.nextDouble());
        return List.of(new Capsule(x - ax * half, y - ay * half, x + ax * half, y + ay * half, 0.3 * r));
    }

    private static List<Capsule> kWires(double x, double y, double ax, double ay, double r, double px,
            SplittableRandom rng) {
        List<Capsule> out = new ArrayList<>();
        int n = 1 + rng.nextInt(2);
        for (int i = 0; i < n; i++) {
            double angle = (rng.nextBoolean() ? 1 : -1) * (0.3 + 0.7 * rng.nextDouble());
            double c = StrictMath.cos(angle);
            double s = StrictMath.sin(angle);
            double dx = c * ax - s * ay;
            double dy = s * ax + c * ay;
            double half = r * (3 + 3 * rng.nextDouble());
            double shift = (i - 0.5 * (n - 1)) * 1.5 * r;
            double cx = x + ax * shift;
            double cy = y + ay * shift;
            out.add(new Capsule(cx - dx * half, cy - dy * half, cx + dx * half, cy + dy * half,
                    Math.max(3 * px, 0.16 * r)));
        }
        return out;
    }

    private static List<Capsule> plate(double x, double y, double ax, double ay, double r, double px,
            SplittableRandom rng) {
        List<Capsule> out = new ArrayList<>();
        double side = rng.nextBoolean() ? 1 : -1;
        double nx = -ay * side;
        double ny = ax * side;
        double half = r * (2.5 + 3 * rng.nextDouble());
        double px0 = x + nx * 0.95 * r;
        double py0 = y + ny * 0.95 * r;
        out.add(new Capsule(px0 - ax * half, py0 - ay * half, px0 + ax * half, py0 + ay * half,
                Math.max(3.5 * px, 0.28 * r)));
        int screws = 3 + rng.nextInt(4);
        for (int i = 0; i < screws; i++) {
            double t = -half * 0.85 + 1.7 * half * i / (screws - 1);
            double sx = px0 + ax * t;
            double sy = py0 + ay * t;
            out.add(new Capsule(sx, sy, sx - nx * 2.1 * r, sy - ny * 2.1 * r, Math.max(2 * px, 0.12 * r)));
            out.add(Capsule.disc(sx, sy, Math.max(3.5 * px, 0.25 * r)));
        }
        return out;
    }

    private static List<Capsule> screws(double x, double y, double ax, double ay, double r, double px,
            SplittableRandom rng) {
        List<Capsule> out = new ArrayList<>();
        int n = 1 + rng.nextInt(2);
        for (int i = 0; i < n; i++) {
            double angle = Math.PI / 2 + (2 * rng.nextDouble() - 1) * 0.6;
            double c = StrictMath.cos(angle);
            double s = StrictMath.sin(angle);
            double dx = c * ax - s * ay;
            double dy = s * ax + c * ay;
            double cx = x + ax * (i - 0.5 * (n - 1)) * 1.8 * r;
            double cy = y + ay * (i - 0.5 * (n - 1)) * 1.8 * r;
            double half = 1.2 * r;
            out.add(new Capsule(cx - dx * half, cy - dy * half, cx + dx * half, cy + dy * half,
                    Math.max(2.5 * px, 0.15 * r)));
            out.add(Capsule.disc(cx - dx * half, cy - dy * half, Math.max(3.5 * px, 0.28 * r)));
        }
        return out;
    }
}
