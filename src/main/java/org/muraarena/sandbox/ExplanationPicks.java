package org.muraarena.sandbox;

import java.util.List;
import java.util.Map;
import org.muraarena.core.Aggregation;

/** Placeholder until the explain branch lands (same signatures). */
public final class ExplanationPicks {
    private ExplanationPicks() {
    }

    public static List<ExplanationPick> pick(Map<String, Double> imageProbabilities, Map<String, Integer> studyLabels,
            Aggregation aggregation, int perSide) {
        throw new UnsupportedOperationException("placeholder");
    }

    public static List<ExplanationPick> pickStudies(Map<String, Double> studyProbabilities, Map<String, Integer> studyLabels,
            Map<String, List<String>> imagesByStudy, int perSide) {
        throw new UnsupportedOperationException("placeholder");
    }
}
