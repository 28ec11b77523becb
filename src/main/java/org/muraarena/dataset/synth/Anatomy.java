package org.muraarena.dataset.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Soft tissue and bones of one view, first in a canonical frame (limb along +y, the image's
 * long side about 1 unit), then mapped to pixels by a {@link Pose}.
 */
final class Anatomy {
    /** A soft-tissue cylinder; overlapping ones take the maximum, so unions have no seams. */
    record Tissue(Capsule shape, double density) {
    }

    /** Overlaps deeper than this (canonical units) read as bones crossing, not as a joint. */
    private static final double SHALLOW = 0.03;
    /** Never narrow a piece below this share of its drawn radius: that would leave a sliver. */
    private static final double MIN_FACTOR = 0.7;

    final List<Tissue> tissue = new ArrayList<>();
    final List<Bone> bones = new ArrayList<>();

    void tissue(double ax, double ay, double bx, double by, double r, double density) {
        tissue(ax, ay, bx, by, r, r, density);
    }

    void tissue(double ax, double ay, double bx, double by, double ra, double rb, double density) {
        tissue.add(new Tissue(new Capsule(ax, ay, bx, by, ra, rb), density));
    }

    void bone(boolean findable, double density, Bone.Piece... pieces) {
        bones.add(new Bone(List.of(pieces), density, findable));
    }

    /** The same anatomy zoomed by f about (cx, cy): a closer view with everything bigger. */
    Anatomy zoomed(double f, double cx, double cy) {
        return map(new Pose(f, 0, cx * (1 - f), cy * (1 - f), false));
    }

    /**
     * Opens near-contacts between different bones into joint spaces: a gap narrower than
     * {@link LimbShapes#JOINT}, or a shallow overlap, leaves a thin dark line or wedge that looks
     * just like a fracture. The smaller piece of such a pair is narrowed towards a joint space,
     * down to {@link #MIN_FACTOR} of its drawn size and only while it stays joined to the rest of
     * its bone. Deep overlaps (bones crossing in projection) are left alone, and so are contacts
     * this cannot open: the anatomy is laid out to avoid them.
     */
    void openJoints() {
        List<Bone> original = List.copyOf(bones);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < bones.size(); i++) {
                for (int j = i + 1; j < bones.size(); j++) {
                    openJoint(original, i, j);
                }
            }
        }
    }

    private void openJoint(List<Bone> original, int i, int j) {
        List<Bone.Piece> a = new ArrayList<>(bones.get(i).pieces());
        List<Bone.Piece> b = new ArrayList<>(bones.get(j).pieces());
        boolean changed = false;
        for (int p = 0; p < a.size(); p++) {
            for (int q = 0; q < b.size(); q++) {
                Capsule cp = a.get(p).shape();
                Capsule cq = b.get(q).shape();
                double gap = Capsule.rimGap(cp, cq);
                if (gap <= -SHALLOW || gap >= LimbShapes.JOINT) {
                    continue;
                }
                // Narrow the smaller piece (an end rather than a whole shaft) towards a joint
                // space, as far as it stays joined to the rest of its bone.
                boolean first = cp.length() + 2 * cp.r() <= cq.length() + 2 * cq.r();
                List<Bone.Piece> pieces = first ? a : b;
                int k = first ? p : q;
                double r = pieces.get(k).shape().r();
                double r0 = original.get(first ? i : j).pieces().get(k).shape().r();
                double target = Math.max(MIN_FACTOR * r0, r - (LimbShapes.JOINT - gap));
                Bone.Piece narrowed = scaled(pieces.get(k), target / r);
                if (target >= r || !attached(narrowed, pieces, k)) {
                    continue;
                }
                pieces.set(k, narrowed);
                changed = true;
            }
        }
        if (changed) {
            bones.set(i, new Bone(a, bones.get(i).density(), bones.get(i).findable()));
            bones.set(j, new Bone(b, bones.get(j).density(), bones.get(j).findable()));
        }
    }

    /** Whether a narrowed piece still overlaps some other piece of its bone well (or is alone). */
    private static boolean attached(Bone.Piece piece, List<Bone.Piece> pieces, int k) {
        if (pieces.size() == 1) {
            return true;
        }
        for (int m = 0; m < pieces.size(); m++) {
            if (m != k && Capsule.rimGap(piece.shape(), pieces.get(m).shape()) <= -SHALLOW) {
                return true;
            }
        }
        return false;
    }

    private static Bone.Piece scaled(Bone.Piece piece, double factor) {
        return new Bone.Piece(piece.shape().scaled(factor), piece.medulla(), piece.marrow());
    }

    Anatomy map(Pose pose) {
        Anatomy out = new Anatomy();
        for (Tissue t : tissue) {
            out.tissue.add(new Tissue(t.shape().map(pose), t.density()));
        }
        for (Bone b : bones) {
            out.bones.add(b.map(pose));
        }
        return out;
    }
}
