package org.muraarena.http.pages;

import static io.restassured.RestAssured.given;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.muraarena.dataset.DatasetService;
import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;
import org.muraarena.core.FailureClass;
import org.muraarena.core.Aggregation;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.core.Manifest;
import org.muraarena.competition.submission.Submission;
import org.muraarena.competition.team.Tokens;
import org.muraarena.competition.team.Team;
import org.muraarena.testing.ArenaTestResource;

/**
 * Puts teams, submissions and finished or running evaluations straight into the database, so that
 * page tests need no model run. Scores are real: made-up predictions for the test dataset, scored
 * by {@link Scorer} and stored with {@link Result#score}, exactly as the runner stores them.
 */
final class PageFixtures {
    /** Marks text that only the organizer may ever see on a page. */
    static final String HIDDEN_LOG = "hidden-run-log: per-study output for organizers only";
    static final String HIDDEN_REASON = "container wrote 3 GB to /tmp";

    private PageFixtures() {
    }

    /** A team created through the API: its id and the token it signs in with. */
    record TeamLogin(long id, String name, String token) {
    }

    static TeamLogin team(String name) {
        String token = given().header("Authorization", "Bearer " + ArenaTestResource.ADMIN_TOKEN)
                .contentType("application/json").body(Map.of("name", name))
                .when().post("/api/teams").then().statusCode(201).extract().path("token");
        long id = QuarkusTransaction.requiringNew().call(() -> Team.byName(name).id);
        return new TeamLogin(id, name, token);
    }

    /** An ONNX submission with a default manifest, uploaded {@code createdAt}. */
    static long submission(long teamId, String model, Instant createdAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Submission s = new Submission();
            s.team = Team.findById(teamId);
            s.kind = Manifest.Kind.ONNX;
            s.modelName = model;
            s.manifest = "{\"name\": \"" + model + "\", \"aggregation\": \"mean\"}";
            s.sha256 = Tokens.hash(s.team.name + "/" + model); // any 64 hex digits; a real hash looks like one
            s.sizeBytes = 28_412_133;
            s.createdAt = createdAt;
            s.persist();
            return s.id;
        });
    }

    /**
     * A finished, scored run. {@code skill} (0..1) sets how far the made-up probabilities lean
     * towards the truth; a hidden run also tags the submission at {@code at}.
     */
    static void succeeded(long submissionId, Phase phase, double skill, Instant at, String log) {
        DatasetService.Truth truth = dataset().truth(phase);
        Map<String, Double> images = predictions(phase, truth, skill, submissionId);
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(),
                StudyProbabilities.fromImages(images, Aggregation.MEAN));
        StringBuilder csv = new StringBuilder();
        new TreeMap<>(images).forEach((image, p) -> csv.append(image).append(',').append(p).append('\n'));
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation e = started(submissionId, phase, at, images.size(), images.size(), log);
            e.provider = "CPU";
            e.transitionTo(EvaluationStatus.SUCCEEDED, at.plusSeconds(40));
            Result result = new Result();
            result.evaluation = e;
            result.version = 1;
            result.score(report);
            result.predictions = csv.toString();
            result.truthSha256 = truth.sha256();
            result.createdAt = at.plusSeconds(40);
            result.persist();
        });
    }

    /** A run in progress, leased far into the future so that no worker re-queues it. */
    static void running(long submissionId, Phase phase, int done, int total, String log) {
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation e = started(submissionId, phase, Instant.now(), done, total, log);
            e.leaseOwner = "page-test";
            e.leaseUntil = Instant.now().plus(Duration.ofDays(1));
        });
    }

    /** Moves a running evaluation's progress on, as a worker's heartbeat does. */
    static void progress(long submissionId, Phase phase, int done) {
        QuarkusTransaction.requiringNew().run(() -> Evaluation.<Evaluation>find("submission.id = ?1 and phase = ?2", submissionId, phase)
                .firstResult().progressDone = done);
    }

    /** A failed run, with the reason that only the dry run's owner (or the organizer) may read. */
    static void failed(long submissionId, Phase phase, FailureClass failure, String reason, String log) {
        QuarkusTransaction.requiringNew().run(() -> {
            Evaluation e = started(submissionId, phase, Instant.now(), 100, 556, log);
            e.failureClass = failure.name();
            e.error = reason;
            e.transitionTo(EvaluationStatus.FAILED, Instant.now());
        });
    }

    private static Evaluation started(long submissionId, Phase phase, Instant at, int done, int total, String log) {
        Submission s = Submission.findById(submissionId);
        if (phase == Phase.HIDDEN) {
            s.taggedAt = at;
        }
        Evaluation e = new Evaluation();
        e.submission = s;
        e.phase = phase;
        e.transitionTo(EvaluationStatus.QUEUED, at);
        e.transitionTo(EvaluationStatus.RUNNING, at.plusSeconds(2));
        e.progressDone = done;
        e.progressTotal = total;
        e.appendLog(log);
        e.persist();
        return e;
    }

    /** Image probabilities around the truth: deterministic per submission, noisier for lower skill. */
    private static Map<String, Double> predictions(Phase phase, DatasetService.Truth truth, double skill, long seed) {
        String list = phase == Phase.DRY_RUN ? "MURA-v1.1/sample_image_paths.csv" : "MURA-v1.1/test_image_paths.csv";
        List<String> paths;
        try {
            paths = Files.readAllLines(dataset().root().resolve(list)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Random random = new Random(seed);
        Map<String, Double> images = new TreeMap<>();
        for (String path : paths) {
            int gold = truth.contents().truth().get(StudyProbabilities.studyOf(path)).gold();
            double centre = 0.5 + (gold == 1 ? 1 : -1) * 0.3 * skill;
            images.put(path, Math.min(0.999, Math.max(0.001, centre + random.nextGaussian() * 0.22)));
        }
        return images;
    }

    private static DatasetService dataset() {
        return Arc.container().instance(DatasetService.class).get();
    }
}
