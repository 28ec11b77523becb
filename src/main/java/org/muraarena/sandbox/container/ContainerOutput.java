package org.muraarena.sandbox.container;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.core.Aggregation;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionFile;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.TruthFile;

/**
 * Reads a container's output CSV in any of MURA's forms (study or image rows, probabilities or
 * 0/1 labels) with the scorer's own reader, against the set's studies, and returns study
 * probabilities. A hidden run's team-visible message names no line and quotes nothing (the output
 * could echo hidden study paths); the full reason goes to the log, which is the organizers' there.
 */
final class ContainerOutput {
    static final String SHOWN_NAME = "OUTPUT_CSV";

    private ContainerOutput() {
    }

    static Map<String, Double> read(Path csv, List<MuraStudy> studies, Aggregation aggregation, boolean hidden,
            RunListener listener) throws SandboxFailure {
        // The reader checks studies against a truth; the set's study list stands in (labels unused).
        SortedMap<String, Scorer.Truth> set = new TreeMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (int i = 0; i < studies.size(); i++) {
            set.put(studies.get(i).path(), new Scorer.Truth(studies.get(i).part(), 0));
            lines.put(studies.get(i).path(), i + 1);
        }
        try {
            return PredictionFile.read(csv, new TruthFile.Contents("the set's study list", set, lines), aggregation);
        } catch (BadInputException e) {
            String reason = e.getMessage().replace(csv.toString(), SHOWN_NAME).replace("is not in the truth file", "is not a study of the set");
            if (!hidden) {
                throw new SandboxFailure(FailureClass.INVALID_OUTPUT, reason);
            }
            listener.log("[sandbox] invalid output: " + reason);
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT,
                    "the output CSV is not a valid prediction for every study of the set (the detail stays with the organizers)");
        }
    }
}
