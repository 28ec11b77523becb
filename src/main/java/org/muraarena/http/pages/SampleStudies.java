package org.muraarena.http.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.muraarena.scoring.Scorer;

/**
 * A dry run's sample studies that have a probability, in the truth's order: their gold labels and
 * study probabilities side by side, as the dry-run figures (ROC curve, confusion matrix) read them.
 */
record SampleStudies(int[] gold, double[] probabilities) {

    static SampleStudies of(SortedMap<String, Scorer.Truth> truth, Map<String, Double> studies) {
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        truth.forEach((study, t) -> {
            Double p = studies.get(study);
            if (p != null) {
                labels.add(t.gold());
                scores.add(p);
            }
        });
        return new SampleStudies(labels.stream().mapToInt(Integer::intValue).toArray(),
                scores.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int abnormal() {
        int abnormal = 0;
        for (int label : gold) {
            abnormal += label;
        }
        return abnormal;
    }
}
