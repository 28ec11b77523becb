package org.muraarena.worker;

import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.evaluation.EvaluationQueue;
import org.muraarena.competition.submission.EvaluationStatus;
import org.muraarena.core.Phase;
import org.muraarena.competition.submission.Result;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.muraarena.dataset.DatasetService;
import org.muraarena.core.Compute;
import org.muraarena.core.FailureClass;
import org.muraarena.sandbox.RunOutcome;
import org.muraarena.sandbox.RunRequest;
import org.muraarena.sandbox.PhaseRun;
import org.muraarena.sandbox.Sandbox;
import org.muraarena.sandbox.SandboxFailure;
import org.muraarena.sandbox.Sandboxes;
import org.muraarena.scoring.ScoreReport;
import org.muraarena.scoring.PredictionsCsv;
import org.muraarena.core.ArenaConfig;
import org.muraarena.core.Manifest;
import org.muraarena.competition.submission.Submission;

/**
 * Runs one claimed evaluation: prepare → run in the sandbox (progress and log flowing back,
 * heartbeats renewing the lease) → score → record. Every write is fenced by the claim's attempt.
 */
@ApplicationScoped
public class EvaluationRunner {
    private final EvaluationQueue queue;
    private final Sandboxes sandboxes;
    private final DatasetService dataset;
    private final ArtifactFetcher artifacts;
    private final Clock clock;
    private final long heartbeatMillis;
    private final int maxAttempts;
    private final ArenaConfig.DryRun dryRun;
    private final EvaluationMetrics metrics;

    public EvaluationRunner(EvaluationQueue queue, Sandboxes sandboxes, DatasetService dataset,
            ArtifactFetcher artifacts, Clock clock, ArenaConfig config, EvaluationMetrics metrics) {
        this.metrics = metrics;
        this.queue = queue;
        this.sandboxes = sandboxes;
        this.dataset = dataset;
        this.artifacts = artifacts;
        this.clock = clock;
        this.heartbeatMillis = config.queue().heartbeat().toMillis();
        this.maxAttempts = config.queue().maxAttempts();
        this.dryRun = config.dryRun();
    }

    private record Job(Phase phase, Manifest manifest, String manifestJson, String sha256) {
    }

    public void run(EvaluationQueue.Claim claim, Path workDir) {
        long start = System.nanoTime();
        Job[] claimed = new Job[1];
        EvaluationMetrics.Outcome outcome = EvaluationMetrics.Outcome.DISCARDED;
        try {
            outcome = attempt(claim, workDir, claimed);
        } finally {
            if (claimed[0] != null) {
                metrics.finished(claimed[0].phase(), claimed[0].manifest().kind(), outcome, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    private EvaluationMetrics.Outcome attempt(EvaluationQueue.Claim claim, Path workDir, Job[] claimed) {
        ProgressReporter reporter = new ProgressReporter(queue, claim);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "heartbeat"));
        heartbeat.scheduleAtFixedRate(reporter::flush, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        try {
            Job job = QuarkusTransaction.requiringNew().call(() -> {
                Evaluation e = Evaluation.findById(claim.evaluationId());
                Submission s = e.submission;
                return new Job(e.phase, s.parsedManifest(), s.manifest, s.sha256);
            });
            claimed[0] = job;
            Path artifact = fetch(job.sha256());
            Sandbox sandbox = sandboxes.forKind(job.manifest().kind()).orElseThrow(() ->
                    new SandboxFailure(FailureClass.INTERNAL, "no sandbox for " + job.manifest().kind() + " submissions on this worker"));
            RunRequest request = PhaseRun.request(claim.evaluationId(), artifact, job.manifest(), job.manifestJson(),
                    dataset, job.phase(), workDir, dryRun);
            reporter.log("[arena] " + job.phase() + " on the " + request.set() + " set, attempt " + claim.attempt() + " on worker " + claim.worker());
            RunOutcome outcome = sandbox.run(request, reporter);
            heartbeat.shutdownNow();
            reporter.log("[arena] ran on " + outcome.provider() + describe(outcome.compute()) + "; scoring");
            DatasetService.Truth truth = dataset.truth(job.phase());
            ScoreReport report = PhaseRun.score(outcome, job.manifest().aggregation(), truth.contents().truth());
            return record(claim, outcome, report, truth.sha256(), reporter);
        } catch (SandboxFailure failure) {
            heartbeat.shutdownNow();
            Compute compute = failure.compute().orElse(null);
            reporter.log("[arena] failed (" + failure.failureClass().label() + "): " + failure.getMessage() + describe(compute));
            return fail(claim, reporter, failure.failureClass(), failure.getMessage(), compute);
        } catch (RuntimeException e) {
            heartbeat.shutdownNow();
            Log.errorf(e, "evaluation %d failed inside the arena", claim.evaluationId());
            reporter.log("[arena] internal error: " + e);
            return fail(claim, reporter, FailureClass.INTERNAL, "the arena failed to run this evaluation: " + e.getMessage(), null);
        } finally {
            heartbeat.shutdownNow();
        }
    }

    /** {@code " (12.34 CPU s, 5.00 GPU s)"} for the log, or nothing when not measured. */
    private static String describe(Compute compute) {
        return compute == null ? "" : String.format(java.util.Locale.ROOT, " (%.2f CPU s%s)", compute.cpuSeconds(),
                compute.gpuSeconds() == null ? "" : String.format(java.util.Locale.ROOT, ", %.2f GPU s", compute.gpuSeconds()));
    }

    private Path fetch(String sha256) throws SandboxFailure {
        try {
            return artifacts.local(sha256);
        } catch (ArtifactFetcher.FetchException e) {
            throw new SandboxFailure(FailureClass.INTERNAL, e.getMessage());
        }
    }

    private EvaluationMetrics.Outcome record(EvaluationQueue.Claim claim, RunOutcome outcome, ScoreReport report, String truthSha256,
            ProgressReporter reporter) {
        String predictions = PredictionsCsv.write(outcome.probabilities());
        boolean owned = queue.finalWrite(claim, evaluation -> {
            reporter.drainInto(evaluation);
            Result result = new Result();
            result.evaluation = evaluation;
            result.version = 1 + (int) Result.count("evaluation", evaluation);
            result.score(report);
            result.predictions = predictions;
            result.truthSha256 = truthSha256;
            result.createdAt = clock.instant();
            result.persist();
            evaluation.provider = outcome.provider();
            evaluation.charge(outcome.compute());
            evaluation.progressDone = evaluation.progressTotal;
            evaluation.transitionTo(EvaluationStatus.SUCCEEDED, clock.instant());
        });
        if (!owned) {
            Log.infof("evaluation %d attempt %d: result discarded, the job is no longer this attempt's", claim.evaluationId(), claim.attempt());
            return EvaluationMetrics.Outcome.DISCARDED;
        }
        return EvaluationMetrics.Outcome.SUCCEEDED;
    }

    /**
     * Ends the attempt as failed; a failure of the platform itself (INTERNAL) goes back to the
     * queue instead while attempts remain. What the attempt cost is charged either way.
     */
    private EvaluationMetrics.Outcome fail(EvaluationQueue.Claim claim, ProgressReporter reporter, FailureClass failureClass,
            String message, Compute compute) {
        EvaluationMetrics.Outcome[] outcome = {EvaluationMetrics.Outcome.DISCARDED};
        queue.finalWrite(claim, evaluation -> {
            reporter.drainInto(evaluation);
            evaluation.charge(compute);
            if (failureClass == FailureClass.INTERNAL && evaluation.attemptsSinceRequeue() < maxAttempts) {
                evaluation.appendLog("[arena] will try again: attempt " + evaluation.attemptsSinceRequeue() + " of "
                        + maxAttempts + " failed inside the arena\n");
                evaluation.transitionTo(EvaluationStatus.QUEUED, clock.instant());
                outcome[0] = EvaluationMetrics.Outcome.RETRIED;
                return;
            }
            outcome[0] = failureClass == FailureClass.CANCELLED ? EvaluationMetrics.Outcome.CANCELLED : EvaluationMetrics.Outcome.FAILED;
            evaluation.failureClass = failureClass.name();
            evaluation.error = message;
            evaluation.transitionTo(failureClass == FailureClass.CANCELLED ? EvaluationStatus.CANCELLED : EvaluationStatus.FAILED,
                    clock.instant());
        });
        return outcome[0];
    }
}
