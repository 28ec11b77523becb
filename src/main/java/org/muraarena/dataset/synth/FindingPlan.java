package org.muraarena.dataset.synth;

import java.util.List;
import java.util.SplittableRandom;
import org.muraarena.core.BodyPart;

/**
 * Where a view's finding goes and what it looks like: a modifier for one bone (fracture,
 * lesion), maybe with a swelling of that bone, or metal shapes (hardware). Sizes are in pixels,
 * scaled to the bone and the image.
 */
final class FindingPlan {
    /** Index of the bone the modifier applies to, or -1. */
    final int bone;
    final BoneModifier modifier;
    /** A piece to add to that bone (an expansile lesion widens a thin bone), or null. */
    final Bone.Piece swelling;
    final List<Capsule> metal;

    private FindingPlan(int bone, BoneModifier modifier, Bone.Piece swelling, List<Capsule> metal) {
        this.bone = bone;
        this.modifier = modifier;
        this.swelling = swelling;
        this.metal = metal;
    }

    /** A point on a findable bone's shaft axis, inside the image. */
    private record Site(int bone, double x, double y, double ax, double ay, double radius) {
    }

    static FindingPlan plan(BodyPart part, Finding finding, List<Bone> bones, int w, int h, SplittableRandom rng) {
        if (finding == Finding.NONE) {
            return new FindingPlan(-1, null, null, List.of());
        }
        double px = Math.max(w, h) / 512.0;
        // Lesions need room inside the bone: prefer shafts at least 14 px (of 512) in radius.
        double roomy = 14 * px;
        Site site = site(bones, w, h, finding == Finding.LESION ? roomy : 0, rng);
        double q = Difficulty.strength(part);
        return switch (finding) {
            case FRACTURE -> new FindingPlan(site.bone, fracture(site, q, px, rng), null, List.of());
            case LESION -> lesion(site, q, px, roomy, rng);
            case HARDWARE -> new FindingPlan(-1, null, null, Hardware.shapes(part, site.x, site.y, site.ax, site.ay,
                    site.radius, px, rng));
            case NONE -> throw new AssertionError();
        };
    }

    private static Fracture fracture(Site s, double q, double px, SplittableRandom rng) {
        // The line runs across the shaft, up to about 35 degrees off square.
        double tilt = (2 * rng.nextDouble() - 1) * 0.6;
        double nx = -s.ay;
        double ny = s.ax;
        double c = StrictMath.cos(tilt);
        double sn = StrictMath.sin(tilt);
        double ux = c * nx - sn * ny;
        double uy = sn * nx + c * ny;
        double width = (2.0 + 1.5 * rng.nextDouble()) * px * (0.5 + 0.5 * q);
        double depth = Math.min(0.98, q * (0.75 + 0.25 * rng.nextDouble()));
        boolean complete = rng.nextDouble() < 0.3 + 0.5 * q;
        double half = complete ? 1.6 * s.radius / c : s.radius * (0.4 + 0.5 * rng.nextDouble());
        double centre = complete ? 0 : (rng.nextBoolean() ? 1 : -1) * (s.radius - 0.8 * half);
        double amp = (0.2 + 0.4 * rng.nextDouble()) * width;
        double freq = 2 * Math.PI / (s.radius * (0.6 + 0.8 * rng.nextDouble()));
        double[] wave = {amp, freq, rng.nextDouble() * 6.28, 0.5 * amp, 2.7 * freq, rng.nextDouble() * 6.28};
        double stepX = 0;
        double stepY = 0;
        if (complete && rng.nextDouble() < 0.5) {
            double across = (2 * rng.nextDouble() - 1) * (0.5 + 2.0 * q) * px;
            double along = rng.nextDouble() * 1.0 * px;
            stepX = across * nx + along * s.ax;
            stepY = across * ny + along * s.ay;
        }
        return new Fracture(s.x, s.y, ux, uy, centre, half, width, depth, wave, stepX, stepY);
    }

    /**
     * A lytic (mostly) or sclerotic lesion. In a bone too thin to hold it, it is expansile, as an
     * enchondroma of a phalanx is: the bone swells around it.
     */
    private static FindingPlan lesion(Site s, double q, double px, double roomy, SplittableRandom rng) {
        Bone.Piece swelling = null;
        double boneRadius = s.radius;
        if (s.radius < roomy) {
            boneRadius = roomy;
            swelling = Bone.end(s.x, s.y, roomy);
        }
        // Bounded in pixels too: lesions are focal, a few millimetres.
        double radius = Math.min(8 * px, Math.max(5 * px, boneRadius * (0.45 + 0.2 * rng.nextDouble())));
        double off = (2 * rng.nextDouble() - 1) * Math.max(0, boneRadius - radius) * 0.6;
        double x = s.x - s.ay * off;
        double y = s.y + s.ax * off;
        Lesion lesion;
        if (rng.nextDouble() < 0.8) {
            double lytic = Math.min(0.95, q * (0.7 + 0.3 * rng.nextDouble()));
            lesion = new Lesion(x, y, radius, lytic, rng.nextDouble() * 0.25 * q, 0);
        } else {
            // Sclerotic lesions add density where the film curve is already flat: they need more of it.
            lesion = new Lesion(x, y, radius, 0, 0, q * (1.5 + rng.nextDouble()));
        }
        return new FindingPlan(s.bone, lesion, swelling, List.of());
    }

    /**
     * A random point on a findable shaft, well inside the image, bigger bones likelier and those
     * thinner than minRadius rarely; else the one nearest the centre.
     */
    private static Site site(List<Bone> bones, int w, int h, double minRadius, SplittableRandom rng) {
        // Bigger bones are hit more often: r^2 favours the distal radius over carpals, say.
        double[] weight = new double[bones.size()];
        double total = 0;
        for (int i = 0; i < bones.size(); i++) {
            if (bones.get(i).findable()) {
                double r = bones.get(i).shaft().r();
                weight[i] = r * r * (r < minRadius ? 0.02 : 1);
                total += weight[i];
            }
        }
        double margin = 0.08 * Math.min(w, h);
        Site best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 60; attempt++) {
            int bone = pick(weight, total * rng.nextDouble());
            Capsule shaft = bones.get(bone).shaft();
            double t = 0.15 + 0.7 * rng.nextDouble();
            double[] p = shaft.at(t);
            double[] d = shaft.direction();
            Site site = new Site(bone, p[0], p[1], d[0], d[1], shaft.ra() + t * (shaft.rb() - shaft.ra()));
            if (p[0] > margin && p[0] < w - margin && p[1] > margin && p[1] < h - margin) {
                return site;
            }
            double distance = Math.abs(p[0] - w / 2.0) + Math.abs(p[1] - h / 2.0);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = site;
            }
        }
        return best;
    }

    private static int pick(double[] weight, double target) {
        int last = 0;
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] > 0) {
                last = i;
                target -= weight[i];
                if (target < 0) {
                    return i;
                }
            }
        }
        return last;
    }
}
