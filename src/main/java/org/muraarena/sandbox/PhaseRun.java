package org.muraarena.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.muraarena.dataset.MuraStudy;
import org.muraarena.dataset.MuraTree;
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
                phase == Phase.HIDDEN, limit, explain(dataset, phase, dryRun));
    }

    /**
     * A dry run's explanations (the sample set's labels are public); none for a hidden run, or when
     * {@code arena.dry-run.explanations} is 0.
     */
    private static Optional<ExplainRequest> explain(DatasetService dataset, Phase phase, ArenaConfig.DryRun dryRun) {
        if (phase != Phase.DRY_RUN || dryRun.explanations() <= 0) {
            return Optional.empty();
        }
        Map<String, Integer> labels = new TreeMap<>();
        dataset.truth(Phase.DRY_RUN).contents().truth().forEach((study, truth) -> labels.put(study, truth.gold()));
        return Optional.of(new ExplainRequest(labels, dryRun.explanations(), dryRun.occlusionGrid()));
    }

    /**
     * The explanations of a finished run that asked for them: the sandbox's maps when it made
     * them, else the gallery without maps (the picked studies' images and probabilities), which is
     * what a container gets. Null when the request asked for none.
     */
    public static Explanations explanations(RunRequest request, RunOutcome outcome) {
        if (request.explain().isEmpty()) {
            return null;
        }
        if (outcome.explanations() != null) {
            return outcome.explanations();
        }
        ExplainRequest ask = request.explain().get();
        try {
            Map<String, List<String>> images = new TreeMap<>();
            for (MuraStudy study : new MuraTree(request.datasetRoot()).studies(request.set())) {
                images.put(study.path(), study.images());
            }
            List<ExplanationPick> picks = outcome.level() == RunOutcome.Level.IMAGE
                    ? ExplanationPicks.pick(outcome.imageProbabilities(), ask.studyLabels(), request.manifest().aggregation(), ask.perSide())
                    : ExplanationPicks.pickStudies(outcome.probabilities(), ask.studyLabels(), images, ask.perSide());
            return Explanations.withoutMaps(picks, request.manifest().kind() == Manifest.Kind.CONTAINER
                    ? "a container cannot be run on occluded images, so its gallery has no maps" : "no maps were made");
        } catch (IOException | RuntimeException e) {
            return Explanations.failed("cannot pick the studies to show: " + e.getMessage());
        }
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
