package org.muraarena.dataset.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.muraarena.core.BodyPart;

/**
 * A test set shaped like MURA's test set, with its truth: 207 studies (elbow 27, finger 30,
 * forearm 23, hand 29, humerus 23, shoulder 34, wrist 41), about 45% abnormal, 1–5 views (2.7 on
 * average). An abnormal study has one finding (fracture 50%, lesion 30%, hardware 20%), shown by
 * each view with chance 0.75 and by at least one.
 */
final class SyntheticStudies {
    static final int[] STUDIES_PER_TYPE = {27, 30, 23, 29, 23, 34, 41};

    record Study(BodyPart part, boolean abnormal, List<Finding> views, long[] seeds) {
    }

    private SyntheticStudies() {
    }

    static List<Study> build(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Study> studies = new ArrayList<>();
        BodyPart[] parts = BodyPart.values();
        for (int t = 0; t < parts.length; t++) {
            for (int i = 0; i < STUDIES_PER_TYPE[t]; i++) {
                boolean abnormal = rng.nextDouble() < 0.45;
                double u = rng.nextDouble();
                int views = u < 0.12 ? 1 : u < 0.44 ? 2 : u < 0.78 ? 3 : u < 0.95 ? 4 : 5;
                double pick = rng.nextDouble();
                Finding finding = pick < 0.5 ? Finding.FRACTURE : pick < 0.8 ? Finding.LESION : Finding.HARDWARE;
                int shown = rng.nextInt(views);
                List<Finding> findings = new ArrayList<>();
                long[] seeds = new long[views];
                for (int v = 0; v < views; v++) {
                    boolean shows = abnormal && (v == shown || rng.nextDouble() < 0.75);
                    findings.add(shows ? finding : Finding.NONE);
                    seeds[v] = rng.nextLong();
                }
                studies.add(new Study(parts[t], abnormal, findings, seeds));
            }
        }
        return studies;
    }
}
