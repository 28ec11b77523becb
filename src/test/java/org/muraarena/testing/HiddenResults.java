package org.muraarena.testing;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.competition.submission.Result;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.team.Team;
import org.muraarena.core.Aggregation;
import org.muraarena.core.Manifest;
import org.muraarena.core.Phase;
import org.muraarena.dataset.DatasetService;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;

/**
 * Finished hidden runs put straight into the database, scored for real, as a worker records them:
 * the release clock then releases them and the Ladder decides, as for any run. Predictions are made
 * up around the truth, deterministic per seed; {@code skill} (0..1) sets how far they lean to it.
 */
public final class HiddenResults {
    private HiddenResults() {
    }

    /** Image probabilities for the hidden images: around the truth, noisier for lower skill. */
    public static Map<String, Double> predictions(SortedMap<String, Scorer.Truth> truth, Path dataset, double skill, long seed) {
        List<String> paths;
        try {
            paths = Files.readAllLines(dataset.resolve("MURA-v1.1/test_image_paths.csv")).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Random random = new Random(seed);
        Map<String, Double> images = new TreeMap<>();
        for (String path : paths) {
            int gold = truth.get(StudyProbabilities.studyOf(path)).gold();
            double centre = 0.5 + (gold == 1 ? 1 : -1) * 0.3 * skill;
            images.put(path, Math.min(0.999, Math.max(0.001, centre + random.nextGaussian() * 0.22)));
        }
        return images;
    }

    /** A tagged submission of team {@code teamId} whose hidden run succeeded at {@code finishedAt}; returns its id. */
    public static long record(long teamId, String model, Map<String, Double> images, Instant finishedAt) {
        DatasetService.Truth truth = Arc.container().instance(DatasetService.class).get().truth(Phase.HIDDEN);
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(),
                StudyProbabilities.fromImages(images, Aggregation.MEAN));
        return QuarkusTransaction.requiringNew().call(() -> {
            Submission s = new Submission();
            s.team = Team.findById(teamId);
            s.kind = Manifest.Kind.ONNX;
            s.modelName = model;
            s.manifest = "{\"name\": \"" + model + "\", \"aggregation\": \"mean\"}";
            s.sha256 = "0".repeat(64);
            s.sizeBytes = 1;
            s.createdAt = finishedAt.minusSeconds(60);
            s.taggedAt = finishedAt.minusSeconds(50);
            s.persist();
            Evaluation e = new Evaluation();
            e.submission = s;
            e.phase = Phase.HIDDEN;
            e.transitionTo(EvaluationStatus.QUEUED, s.taggedAt);
            e.transitionTo(EvaluationStatus.RUNNING, s.taggedAt.plusSeconds(1));
            e.provider = "CPU";
            e.transitionTo(EvaluationStatus.SUCCEEDED, finishedAt);
            e.persist();
            Result r = new Result();
            r.evaluation = e;
            r.version = 1;
            r.score(report);
            r.predictions = PredictionsCsv.write(images);
            r.truthSha256 = truth.sha256();
            r.createdAt = finishedAt;
            r.persist();
            return s.id;
        });
    }
}
