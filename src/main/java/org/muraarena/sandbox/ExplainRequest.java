package org.muraarena.sandbox;

import java.util.Map;

/**
 * A dry run's request for explanations (never a hidden run's): the labels of the set's studies
 * (the public sample set's, so nothing hidden reaches the sandbox), how many of the most
 * confidently right and of the most confidently wrong studies to explain, and the occlusion grid
 * (patch positions per side; one batched forward pass per row of patches).
 */
public record ExplainRequest(Map<String, Integer> studyLabels, int perSide, int grid) {
    public ExplainRequest {
        studyLabels = Map.copyOf(studyLabels);
        if (perSide < 1 || grid < 2) {
            throw new IllegalArgumentException("explanations need at least 1 study per side and a grid of 2: " + perSide + ", " + grid);
        }
    }
}
