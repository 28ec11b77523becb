package org.muraarena.sandbox;

import java.util.Map;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Compute;
import org.muraarena.scoring.StudyProbabilities;

/**
 * What a finished run produced: probabilities of abnormality, each in [0, 1], per image (as listed
 * in the set's {@code _image_paths.csv}) or per study (its path with a trailing slash), as the
 * submission chose to write them.
 *
 * @param provider what ran the model, e.g. {@code onnxruntime-cpu}, {@code onnxruntime-cuda}, {@code docker}
 * @param compute what the run cost, as the sandbox measured it
 * @param explanations what the explanation step after the predictions produced, when the request
 *     asked for it and the sandbox makes maps (null otherwise)
 */
public record RunOutcome(Map<String, Double> probabilities, Level level, String provider, Compute compute,
                         Explanations explanations) {

    /** What the keys of {@link #probabilities()} are. */
    public enum Level { IMAGE, STUDY }

    public RunOutcome {
        probabilities = Map.copyOf(probabilities);
    }

    public RunOutcome(Map<String, Double> probabilities, Level level, String provider, Compute compute) {
        this(probabilities, level, provider, compute, null);
    }

    public RunOutcome withExplanations(Explanations e) {
        return new RunOutcome(probabilities, level, provider, compute, e);
    }

    public RunOutcome withCompute(Compute c) {
        return new RunOutcome(probabilities, level, provider, c, explanations);
    }

    /** Image-level probabilities (what the ONNX sandbox produces). */
    public RunOutcome(Map<String, Double> imageProbabilities, String provider, Compute compute) {
        this(imageProbabilities, Level.IMAGE, provider, compute);
    }

    /** Study-level probabilities, used as they are. */
    public static RunOutcome ofStudies(Map<String, Double> studyProbabilities, String provider, Compute compute) {
        return new RunOutcome(studyProbabilities, Level.STUDY, provider, compute);
    }

    /** Per-image probabilities; only for an image-level outcome. */
    public Map<String, Double> imageProbabilities() {
        if (level != Level.IMAGE) {
            throw new IllegalStateException("this outcome holds study-level predictions");
        }
        return probabilities;
    }

    /** Per-study probabilities: image-level ones aggregated as the manifest says, study-level ones as given. */
    public Map<String, Double> studyProbabilities(Aggregation aggregation) {
        return level == Level.STUDY ? probabilities : StudyProbabilities.fromImages(probabilities, aggregation);
    }
}
