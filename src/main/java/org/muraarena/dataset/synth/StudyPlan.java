package org.muraarena.dataset.synth;

import java.util.List;
import org.muraarena.core.BodyPart;

/**
 * One synthetic study before it is drawn: where it goes, whether it is abnormal (the latent
 * truth the images show), what each view shows, and the six simulated readers' labels.
 *
 * @param path study folder relative to the output root, with a trailing slash
 * @param views one finding per image ({@link Finding#NONE} for a view that does not show it)
 * @param viewSeeds one painter seed per image
 * @param readers six labels: readers 1–3 form the gold standard, 4–6 are the reference radiologists
 */
record StudyPlan(String path, BodyPart part, boolean abnormal, List<Finding> views, long[] viewSeeds, int[] readers) {

    int images() {
        return views.size();
    }

    String imagePath(int view) {
        return path + "image" + (view + 1) + ".png";
    }

    /** The gold label: the majority of readers 1–3. */
    int gold() {
        return readers[0] + readers[1] + readers[2] >= 2 ? 1 : 0;
    }
}
