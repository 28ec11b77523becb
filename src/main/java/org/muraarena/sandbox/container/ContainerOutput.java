package org.muraarena.sandbox.container;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.muraarena.core.Aggregation;
import org.muraarena.core.FailureClass;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.sandbox.RunListener;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.scoring.BadInputException;
import org.muraarena.scoring.PredictionsCsv;

/**
 * Reads a container's output CSV in any of MURA's forms (study or image rows, probabilities or
 * 0/1 labels) with the predictions codec, against the set's studies, and returns study
 * probabilities. A hidden run's team-visible message names no line and quotes nothing (the output
 * could echo hidden study paths); the full reason goes to the log, which is the organizers' there.
 */
final class ContainerOutput {
    /** How messages name the output file: the name the team's entrypoint knows it by. */
    static final String SHOWN_NAME = "OUTPUT_CSV";

    private ContainerOutput() {
    }

    static Map<String, Double> read(Path csv, List<MuraStudy> studies, Aggregation aggregation, boolean hidden,
            RunListener listener) throws SandboxFailure {
        Map<String, String> set = new LinkedHashMap<>();
        studies.stream().map(MuraStudy::path).sorted().forEach(study -> set.put(study, null));
        try {
            return PredictionsCsv.read(csv, SHOWN_NAME, new PredictionsCsv.Expected("the set", set))
                    .studyProbabilities(aggregation);
        } catch (BadInputException e) {
            if (!hidden) {
                throw new SandboxFailure(FailureClass.INVALID_OUTPUT, e.getMessage());
            }
            listener.log("[sandbox] invalid output: " + e.getMessage());
            throw new SandboxFailure(FailureClass.INVALID_OUTPUT,
                    "the output CSV is not a valid prediction for every study of the set (the detail stays with the organizers)");
        }
    }
}
