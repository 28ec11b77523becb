package org.muraarena.dataset.synth;

import org.muraarena.core.BodyPart;

/**
 * How conspicuous a finding is per study type, following the MURA baseline's kappas (wrist 0.93,
 * hand 0.85, forearm 0.74, shoulder 0.73, elbow 0.71, humerus 0.60, finger 0.39): findings on
 * hard types are fainter and smaller. Tuned together with the tests' {@code SimpleDetector} (the
 * baseline's graph in plain Java); over 20 synthetic test sets (4,140 studies) it scores wrist
 * 0.90, hand 0.78, forearm 0.75, shoulder 0.74, elbow 0.68, humerus 0.60, finger 0.43, overall 0.72.
 */
final class Difficulty {
    private Difficulty() {
    }

    /**
     * Scale for a finding's contrast and size, about 1 (above 1 for types whose anatomy hides
     * findings: the hand's bones are small).
     */
    static double strength(BodyPart part) {
        return switch (part) {
            case XR_WRIST -> 1.05;
            case XR_HAND -> 1.2;
            case XR_FOREARM -> 0.72;
            case XR_SHOULDER -> 0.65;
            case XR_ELBOW -> 0.66;
            case XR_HUMERUS -> 0.6;
            case XR_FINGER -> 0.5;
        };
    }
}
