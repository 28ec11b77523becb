package org.muraarena.scoring;

import org.muraarena.core.Aggregation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Image probabilities aggregated to their studies (a study is its image's folder). */
public final class StudyProbabilities {
    private StudyProbabilities() {
    }

    public static Map<String, Double> fromImages(Map<String, Double> images, Aggregation aggregation) {
        Map<String, List<Double>> byStudy = new TreeMap<>();
        // Path order, as the stored predictions CSV lists them, so that re-scoring that file
        // with the score command adds the same numbers in the same order: bit-identical results.
        new TreeMap<>(images).forEach((image, p) -> byStudy.computeIfAbsent(studyOf(image), s -> new java.util.ArrayList<>()).add(p));
        Map<String, Double> studies = new HashMap<>();
        byStudy.forEach((study, values) -> studies.put(study, aggregation.apply(values.stream().mapToDouble(Double::doubleValue).toArray())));
        return studies;
    }

    /** The study folder of an image path, with a trailing slash. */
    public static String studyOf(String imagePath) {
        return imagePath.substring(0, imagePath.lastIndexOf('/') + 1);
    }
}
