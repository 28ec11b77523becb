package org.muraarena.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.muraarena.core.Aggregation;

class ExplanationPicksTest {
    private static final String ELBOW = "MURA-v1.1/sample/XR_ELBOW/patient00001/";

    private static String study(int i) {
        return ELBOW + "study" + i + "/";
    }

    /** Study probabilities with one image each, and labels. */
    private static List<ExplanationPick> pickOneImagePerStudy(double[] p, int[] labels, int perSide) {
        Map<String, Double> images = new HashMap<>();
        Map<String, Integer> truth = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            images.put(study(i) + "image1.png", p[i]);
            truth.put(study(i), labels[i]);
        }
        return ExplanationPicks.pick(images, truth, Aggregation.MEAN, perSide);
    }

    private static List<String> studies(List<ExplanationPick> picks) {
        return picks.stream().map(ExplanationPick::study).toList();
    }

    @Test
    void correctOnesComeFirstThenWrongOnesEachMostConfidentFirst() {
        //                          0 right   1 right   2 wrong   3 right   4 wrong   5 wrong
        double[] p = {0.9, 0.2, 0.3, 0.99, 0.95, 0.6};
        int[] labels = {1, 0, 1, 1, 0, 0};
        List<ExplanationPick> picks = pickOneImagePerStudy(p, labels, 2);
        // Right: 3 (abnormal, .49), 1 (normal, .30) reserved one per label; wrong: 4 (normal, .45), 2 (abnormal, .20).
        assertEquals(List.of(study(3), study(1), study(4), study(2)), studies(picks));
        assertEquals(List.of(true, true, false, false), picks.stream().map(ExplanationPick::correct).toList());
        assertEquals(0.99, picks.get(0).probability());
        assertEquals(1, picks.get(0).label());
    }

    @Test
    void eachSideHoldsBothLabelsWhenBothExistEvenIfOneIsMoreConfident() {
        double[] p = {0.99, 0.98, 0.97, 0.96, 0.45};
        int[] labels = {1, 1, 1, 1, 0};
        List<ExplanationPick> picks = pickOneImagePerStudy(p, labels, 3);
        // Normal study 4 (confidence .05) gets its reserved slot; the odd slot goes to the next most confident.
        assertEquals(List.of(study(0), study(1), study(4)), studies(picks));
    }

    @Test
    void aShortLabelIsFilledFromTheOther() {
        double[] p = {0.99, 0.98, 0.97, 0.96, 0.10};
        int[] labels = {1, 1, 1, 1, 1};
        List<ExplanationPick> picks = pickOneImagePerStudy(p, labels, 3);
        assertEquals(List.of(study(0), study(1), study(2), study(4)), studies(picks));
        assertEquals(List.of(true, true, true, false), picks.stream().map(ExplanationPick::correct).toList());
    }

    @Test
    void tiesFallToTheStudyPathAndTheThresholdItselfIsNormal() {
        double[] p = {0.8, 0.2, 0.8, 0.5};
        int[] labels = {1, 1, 1, 0};
        List<ExplanationPick> picks = pickOneImagePerStudy(p, labels, 1);
        // 0 and 2 tie at .3 (study0 first by path); 0.5 is called normal, so study 3 is right (confidence 0).
        assertEquals(List.of(study(0), study(1)), studies(picks));
        // With two a side, the normal study 3 takes its reserved slot ahead of the more confident study 2.
        assertEquals(List.of(study(0), study(3), study(1)), studies(pickOneImagePerStudy(p, labels, 2)));
    }

    @Test
    void theImageShownIsTheOneThatDroveTheCall() {
        Map<String, Double> images = Map.of(
                study(1) + "image1.png", 0.7, study(1) + "image2.png", 0.9, study(1) + "image3.png", 0.6,
                study(2) + "image1.png", 0.3, study(2) + "image2.png", 0.1, study(2) + "image3.png", 0.4);
        Map<String, Integer> truth = Map.of(study(1), 1, study(2), 0);
        Map<String, ExplanationPick> picks = new HashMap<>();
        ExplanationPicks.pick(images, truth, Aggregation.MEAN, 2).forEach(p -> picks.put(p.study(), p));
        assertEquals(study(1) + "image2.png", picks.get(study(1)).image()); // called abnormal: the most abnormal image
        assertEquals(study(2) + "image2.png", picks.get(study(2)).image()); // called normal: the least abnormal image
        assertEquals((0.7 + 0.9 + 0.6) / 3, picks.get(study(1)).probability(), 1e-12);
    }

    @Test
    void theStudyProbabilityFollowsTheAggregation() {
        Map<String, Double> images = Map.of(study(1) + "image1.png", 0.9, study(1) + "image2.png", 0.05);
        Map<String, Integer> truth = Map.of(study(1), 1);
        ExplanationPick mean = ExplanationPicks.pick(images, truth, Aggregation.MEAN, 1).get(0);
        ExplanationPick max = ExplanationPicks.pick(images, truth, Aggregation.MAX, 1).get(0);
        assertEquals(false, mean.correct());
        assertEquals(study(1) + "image2.png", mean.image());
        assertEquals(true, max.correct());
        assertEquals(0.9, max.probability());
        assertEquals(study(1) + "image1.png", max.image());
    }

    @Test
    void unlabelledStudiesAreNotCandidates() {
        Map<String, Double> images = Map.of(study(1) + "image1.png", 0.99, study(2) + "image1.png", 0.6);
        List<ExplanationPick> picks = ExplanationPicks.pick(images, Map.of(study(2), 1), Aggregation.MEAN, 4);
        assertEquals(List.of(study(2)), studies(picks));
        assertTrue(ExplanationPicks.pick(images, Map.of(), Aggregation.MEAN, 4).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ExplanationPicks.pick(images, Map.of(), Aggregation.MEAN, -1));
    }

    @Test
    void studyLevelOutputShowsEachStudysFirstImage() {
        Map<String, Double> studies = Map.of(study(1), 0.9, study(2), 0.8, study(3), 0.7);
        Map<String, Integer> truth = Map.of(study(1), 1, study(2), 0, study(3), 1);
        Map<String, List<String>> images = Map.of(study(1), List.of(study(1) + "image2.png", study(1) + "image1.png"),
                study(2), List.of(study(2) + "image1.png"), study(3), List.of());
        List<ExplanationPick> picks = ExplanationPicks.pickStudies(studies, truth, images, 2);
        assertEquals(List.of(study(1), study(2)), studies(picks)); // study 3 has no image to show
        assertEquals(study(1) + "image2.png", picks.get(0).image());
        assertEquals(false, picks.get(1).correct());
        assertEquals(0.8, picks.get(1).probability());
    }
}
