package org.muraarena.dataset.synth;

import java.util.Map;
import org.muraarena.core.BodyPart;

/**
 * Figures from the MURA paper (Rajpurkar et al. 2017) that shape the synthetic sets: the
 * validation set's studies and images per type, the test set's 207 studies in the same
 * proportions, and a reader error rate per type chosen so that a simulated radiologist's kappa
 * against the majority of three others is about the paper's mean radiologist kappa for that type.
 */
final class MuraTables {
    private MuraTables() {
    }

    /** One type's row: validation studies (normal, abnormal) and images; test studies; reader error. */
    record TypeRow(int validNormal, int validAbnormal, int validImages, int testStudies, double readerError) {
        int validStudies() {
            return validNormal + validAbnormal;
        }

        double abnormalShare() {
            return (double) validAbnormal / validStudies();
        }

        double imagesPerStudy() {
            return (double) validImages / validStudies();
        }
    }

    /**
     * Reader errors solve kappa(reader vs majority of three readers with the same error) = the mean
     * of the paper's three radiologists: elbow 0.76, finger 0.37, forearm 0.80, hand 0.79,
     * humerus 0.84, shoulder 0.84, wrist 0.88 (at each type's abnormal share).
     */
    static final Map<BodyPart, TypeRow> ROWS = Map.of(
            BodyPart.XR_ELBOW, new TypeRow(92, 66, 465, 27, 0.097),
            BodyPart.XR_FINGER, new TypeRow(92, 83, 461, 30, 0.239),
            BodyPart.XR_FOREARM, new TypeRow(69, 64, 301, 23, 0.084),
            BodyPart.XR_HAND, new TypeRow(101, 66, 460, 29, 0.084),
            BodyPart.XR_HUMERUS, new TypeRow(68, 67, 288, 23, 0.067),
            BodyPart.XR_SHOULDER, new TypeRow(99, 95, 563, 34, 0.069),
            BodyPart.XR_WRIST, new TypeRow(140, 97, 659, 41, 0.050));

    /** Each reader's error is the type's rate times its own factor: radiologists differ. */
    static final double[] READER_FACTORS = {0.85, 1.0, 1.15, 0.8, 1.0, 1.2};

    /** The public sample set for dry runs: this many normal and abnormal studies per type. */
    static final int SAMPLE_PER_CLASS = 2;
}
