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
