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
import org.muraarena.competition.submission.ExplanationStore;
import org.muraarena.sandbox.Explanations;
import org.muraarena.sandbox.RunListener;
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
 * A dry run's explanations come after its result: recorded as soon as the sandbox has the
 * predictions when it explains in the same run (ONNX), else right after it (a container's gallery).
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
    private final ExplanationStore explanations;

    public EvaluationRunner(EvaluationQueue queue, Sandboxes sandboxes, DatasetService dataset,
            ArtifactFetcher artifacts, Clock clock, ArenaConfig config, EvaluationMetrics metrics,
            ExplanationStore explanations) {
        this.metrics = metrics;
        this.explanations = explanations;
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
        Publisher publisher = null;
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
            DatasetService.Truth truth = dataset.truth(job.phase());
            publisher = new Publisher(claim, job, truth, reporter, heartbeat);
            RunOutcome outcome = sandbox.run(request, publisher);
            heartbeat.shutdownNow();
            if (publisher.published != null) {
                return publisher.explained(PhaseRun.explanations(request, outcome), outcome.compute());
            }
            reporter.log("[arena] ran on " + outcome.provider() + describe(outcome.compute()) + "; scoring");
            ScoreReport report = PhaseRun.score(outcome, job.manifest().aggregation(), truth.contents().truth());
            Explanations gallery = PhaseRun.explanations(request, outcome);
            EvaluationMetrics.Outcome recorded = record(claim, outcome, report, truth.sha256(), reporter, gallery != null);
            if (gallery != null && recorded == EvaluationMetrics.Outcome.SUCCEEDED) {
                explanations.finish(claim.evaluationId(), gallery);
            }
            return recorded;
        } catch (SandboxFailure failure) {
            heartbeat.shutdownNow();
            Compute compute = failure.compute().orElse(null);
            if (publisher != null && publisher.published != null) {
                return publisher.explained(Explanations.failed(failure.getMessage()), compute);
            }
            reporter.log("[arena] failed (" + failure.failureClass().label() + "): " + failure.getMessage() + describe(compute));
            return fail(claim, reporter, failure.failureClass(), failure.getMessage(), compute);
        } catch (RuntimeException e) {
            heartbeat.shutdownNow();
            Log.errorf(e, "evaluation %d failed inside the arena", claim.evaluationId());
            if (publisher != null && publisher.published != null) {
                return publisher.explained(Explanations.failed("the arena failed while computing them: " + e.getMessage()), null);
            }
            reporter.log("[arena] internal error: " + e);
            return fail(claim, reporter, FailureClass.INTERNAL, "the arena failed to run this evaluation: " + e.getMessage(), null);
        } finally {
            heartbeat.shutdownNow();
        }
    }

    /**
     * The run's listener: progress and log to the reporter and, when the sandbox goes on to explain
     * a dry run after its predictions, records the scored result right then, so that the team sees
     * its metrics while the maps are computed; the explanations' progress goes to their own columns.
     */
    private final class Publisher implements RunListener {
        private final EvaluationQueue.Claim claim;
        private final Job job;
        private final DatasetService.Truth truth;
        private final ProgressReporter reporter;
        private final ScheduledExecutorService heartbeat;
        /** How the result was recorded when the predictions came early; null until then. */
        volatile EvaluationMetrics.Outcome published;
        private long lastProgressWrite;

        Publisher(EvaluationQueue.Claim claim, Job job, DatasetService.Truth truth, ProgressReporter reporter,
                ScheduledExecutorService heartbeat) {
            this.claim = claim;
            this.job = job;
            this.truth = truth;
            this.reporter = reporter;
            this.heartbeat = heartbeat;
        }

        @Override
        public void progress(int done, int total) {
            reporter.progress(done, total);
        }

        @Override
        public void log(String line) {
            reporter.log(line);
        }

        /** The claim is over once the result is recorded: an explanation step is not cancelled, only bounded. */
        @Override
        public boolean cancelled() {
            EvaluationMetrics.Outcome p = published;
            return p == null ? reporter.cancelled() : p == EvaluationMetrics.Outcome.DISCARDED;
        }

        @Override
        public void predictionsReady(RunOutcome outcome) {
            ScoreReport report;
            try {
                report = PhaseRun.score(outcome, job.manifest().aggregation(), truth.contents().truth());
            } catch (SandboxFailure | RuntimeException e) {
                return; // scored again when the run ends, and failed there
            }
            reporter.log("[arena] ran on " + outcome.provider() + "; scored; explanations follow");
            heartbeat.shutdownNow();
            published = record(claim, outcome, report, truth.sha256(), reporter, true);
        }

        @Override
        public synchronized void explainProgress(int done, int total) {
            long now = System.nanoTime();
            if (published == EvaluationMetrics.Outcome.SUCCEEDED && (done == total || now - lastProgressWrite > 500_000_000L)) {
                lastProgressWrite = now;
                try {
                    explanations.progress(claim.evaluationId(), done, total);
                } catch (RuntimeException e) {
                    // progress is advisory: the next line or the end writes again
                }
            }
        }

        /** Ends an early-published run: its explanations (or why there are none) and what the whole run cost. */
        EvaluationMetrics.Outcome explained(Explanations result, Compute compute) {
            if (published == EvaluationMetrics.Outcome.SUCCEEDED) {
                explanations.finish(claim.evaluationId(), result);
                if (compute != null) {
                    QuarkusTransaction.requiringNew().run(() -> Evaluation.<Evaluation>findById(claim.evaluationId()).charge(compute));
                }
            }
            return published;
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
            ProgressReporter reporter, boolean explaining) {
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
            if (explaining) {
                ExplanationStore.started(evaluation);
            }
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
