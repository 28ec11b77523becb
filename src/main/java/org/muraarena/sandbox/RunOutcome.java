package org.muraarena.sandbox;

import java.util.Map;

/**
 * What a finished run produced.
 *
 * @param imageProbabilities probability of abnormality per image path (as listed in the set's
 *     {@code _image_paths.csv}), each in [0, 1]
 * @param provider what ran the model, e.g. {@code onnxruntime-cpu}, {@code onnxruntime-cuda}, {@code docker}
 */
public record RunOutcome(Map<String, Double> imageProbabilities, String provider) {
    public RunOutcome {
        imageProbabilities = Map.copyOf(imageProbabilities);
    }
}
