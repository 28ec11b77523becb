package org.muraarena.job;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.muraarena.dataset.DatasetService;
import org.muraarena.sandbox.FailureClass;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.Sandbox;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.sandbox.Sandboxes;
import org.muraarena.scoring.AurocBootstrap;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.Scorer;
import org.muraarena.scoring.StudyProbabilities;
import org.muraarena.scoring.json.ScoreJson;
import org.muraarena.submission.ArtifactStore;
import org.muraarena.submission.Manifest;
import org.muraarena.submission.ManifestParser;
import org.muraarena.submission.Submission;

/**
 * Runs one claimed evaluation: prepare → run in the sandbox (progress and log flowing back,
 * heartbeats renewing the lease) → score → record. Every write is fenced by the claim's attempt.
 */
@ApplicationScoped
public class EvaluationRunner {
    private final EvaluationQueue queue;
    private final Sandboxes sandboxes;
    private final DatasetService dataset;
    private final ArtifactStore artifacts;
    private final Clock clock;

    public EvaluationRunner(EvaluationQueue queue, Sandboxes sandboxes, DatasetService dataset,
            ArtifactStore artifacts, Clock clock) {
        this.queue = queue;
        this.sandboxes = sandboxes;
        this.dataset = dataset;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    private record Job(Phase phase, Manifest manifest, Path artifact) {
    }

    public void run(EvaluationQueue.Claim claim, Path workDir) {
        ProgressReporter reporter = new ProgressReporter(queue, claim);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "heartbeat"));
        heartbeat.scheduleAtFixedRate(reporter::flush, 5, 5, TimeUnit.SECONDS);
        try {
            Job job = QuarkusTransaction.requiringNew().call(() -> {
                Evaluation e = Evaluation.findById(claim.evaluationId());
                Submission s = e.submission;
                return new Job(e.phase, ManifestParser.parse(s.manifest), artifacts.path(s.sha256));
            });
            Sandbox sandbox = sandboxes.forKind(job.manifest().kind()).orElseThrow(() ->
                    new SandboxFailure(FailureClass.INTERNAL, "no sandbox for " + job.manifest().kind() + " submissions on this worker"));
            String set = DatasetService.set(job.phase());
            reporter.log("[arena] " + job.phase() + " on the " + set + " set, attempt " + claim.attempt());
            RunOutcome outcome = sandbox.run(new RunRequest(claim.evaluationId(), job.artifact(), job.manifest(),
                    dataset.root(), set, workDir, job.phase() == Phase.HIDDEN), reporter);
            heartbeat.shutdownNow();
            reporter.log("[arena] ran on " + outcome.provider() + "; scoring");
            record(claim, job, outcome, reporter);
        } catch (SandboxFailure failure) {
            heartbeat.shutdownNow();
            reporter.log("[arena] failed (" + failure.failureClass().label() + "): " + failure.getMessage());
            fail(claim, reporter, failure.failureClass(), failure.getMessage());
        } catch (RuntimeException e) {
            heartbeat.shutdownNow();
            Log.errorf(e, "evaluation %d failed inside the arena", claim.evaluationId());
            reporter.log("[arena] internal error: " + e);
            fail(claim, reporter, FailureClass.INTERNAL, "the arena failed to run this evaluation: " + e.getMessage());
        } finally {
            heartbeat.shutdownNow();
        }
    }

    private void record(EvaluationQueue.Claim claim, Job job, RunOutcome outcome, ProgressReporter reporter) {
        DatasetService.Truth truth = dataset.truth(job.phase());
        Map<String, Double> studies = outcome.studyProbabilities(job.manifest().aggregation());
        for (String study : truth.contents().truth().keySet()) {
            if (!studies.containsKey(study)) {
                fail(claim, reporter, FailureClass.INVALID_OUTPUT, "no prediction for study " + study);
                return;
            }
        }
        ScoreReport report = new Scorer(AurocBootstrap.DEFAULT).score(truth.contents().truth(), studies);
        StringBuilder predictions = new StringBuilder();
        new TreeMap<>(outcome.probabilities()).forEach((image, p) -> predictions.append(image).append(',').append(p).append('\n'));
        boolean owned = queue.whileOwned(claim, evaluation -> {
            reporter.drainInto(evaluation);
            Result result = new Result();
            result.evaluation = evaluation;
            result.version = 1 + (int) Result.count("evaluation", evaluation);
            result.metrics = ScoreJson.toJson(report).toString();
            result.predictions = predictions.toString();
            result.truthSha256 = truth.sha256();
            result.createdAt = clock.instant();
            result.persist();
            evaluation.provider = outcome.provider();
            evaluation.progressDone = evaluation.progressTotal;
            evaluation.transitionTo(EvaluationStatus.SUCCEEDED, clock.instant());
        });
        if (!owned) {
            Log.infof("evaluation %d attempt %d: result discarded, the job is no longer this attempt's", claim.evaluationId(), claim.attempt());
        }
    }

    private void fail(EvaluationQueue.Claim claim, ProgressReporter reporter, FailureClass failureClass, String message) {
        queue.whileOwned(claim, evaluation -> {
            reporter.drainInto(evaluation);
            evaluation.failureClass = failureClass.name();
            evaluation.error = message;
            evaluation.transitionTo(failureClass == FailureClass.CANCELLED ? EvaluationStatus.CANCELLED : EvaluationStatus.FAILED,
                    clock.instant());
        });
    }
}
