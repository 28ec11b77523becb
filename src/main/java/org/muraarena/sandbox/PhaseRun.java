package org.muraarena.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.muraarena.core.Aggregation;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.FailureClass;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;

/**
 * One phase's run as the worker makes it and the offline {@code dry-run} command repeats it: the
 * phase's set and wall-clock limit, then the scoring of what the sandbox returned against the
 * phase's truth. Defined once, so that a team's local dry run scores exactly as the server's.
 */
public final class PhaseRun {
    private PhaseRun() {
    }

    /**
     * The request for one run of {@code phase} on {@code dataset}: the phase's set, whether it is
     * hidden, and a dry run's own, shorter time limit.
     */
    public static RunRequest request(long evaluationId, Path artifact, Manifest manifest, String manifestJson,
            DatasetService dataset, Phase phase, Path workDir, ArenaConfig.DryRun dryRun) {
        Optional<Duration> limit = phase == Phase.DRY_RUN ? Optional.of(dryRun.timeLimit()) : Optional.empty();
        return new RunRequest(evaluationId, artifact, manifest, manifestJson, dataset.root(), dataset.set(phase), workDir,
                phase == Phase.HIDDEN, limit);
    }

    /**
     * The score of a finished run: its study probabilities (aggregated as the manifest says) against
     * the phase's truth, with the default AUROC bootstrap.
     *
     * @throws SandboxFailure INVALID_OUTPUT when a study of the truth has no prediction (with the run's compute)
     */
    public static ScoreReport score(RunOutcome outcome, Aggregation aggregation, SortedMap<String, Scorer.Truth> truth)
            throws SandboxFailure {
        Map<String, Double> studies = outcome.studyProbabilities(aggregation);
        for (String study : truth.keySet()) {
            if (!studies.containsKey(study)) {
                throw new SandboxFailure(FailureClass.INVALID_OUTPUT, "no prediction for study " + study).withCompute(outcome.compute());
            }
        }
        return new Scorer(AurocBootstrap.DEFAULT).score(truth, studies);
    }
}
