package org.muraarena.dataset.synth;

import org.muraarena.dataset.BodyPart;

/**
 * How conspicuous a finding is per study type, following the MURA baseline's kappas (wrist 0.93,
 * hand 0.85, forearm 0.74, shoulder 0.73, elbow 0.71, humerus 0.60, finger 0.39): findings on
 * hard types are fainter and smaller. Tuned together with {@link SimpleDetector}.
 */
final class Difficulty {
    private Difficulty() {
    }

    /** Scale in (0, 1] for a finding's contrast and size. */
    static double strength(BodyPart part) {
        return switch (part) {
            case XR_WRIST -> 1.05;
            case XR_HAND -> 1.0;
            case XR_FOREARM -> 0.8;
            case XR_SHOULDER -> 0.68;
            case XR_ELBOW -> 0.7;
            case XR_HUMERUS -> 0.68;
            case XR_FINGER -> 0.45;
        };
    }
}
