package org.muraarena.worker;

import org.muraarena.competition.submission.Evaluation;
import org.muraarena.competition.evaluation.EvaluationQueue;

import org.muraarena.sandbox.RunListener;

/**
 * Collects a running sandbox's progress and log lines and writes them to the claimed row every
 * few seconds (each write renewing the lease), rather than once per image or line.
 */
final class ProgressReporter implements RunListener {
    private final EvaluationQueue queue;
    private final EvaluationQueue.Claim claim;
    private final StringBuilder pendingLog = new StringBuilder();
    private int done;
    private int total;
    private volatile boolean lost;

    ProgressReporter(EvaluationQueue queue, EvaluationQueue.Claim claim) {
        this.queue = queue;
        this.claim = claim;
    }

    @Override
    public synchronized void progress(int done, int total) {
        this.done = done;
        this.total = total;
    }

    @Override
    public synchronized void log(String line) {
        pendingLog.append(line).append('\n');
        if (pendingLog.length() > Evaluation.LOG_LIMIT) {
            pendingLog.delete(0, pendingLog.length() - Evaluation.LOG_LIMIT);
        }
    }

    /** True once the row stopped being this attempt's (cancelled, or re-leased): the sandbox should stop. */
    @Override
    public boolean cancelled() {
        return lost;
    }

    /** Writes what has gathered and renews the lease; notes when the claim is gone. */
    void flush() {
        try {
            if (!queue.whileOwned(claim, this::drainInto)) {
                lost = true;
            }
        } catch (RuntimeException e) {
            // The database may be restarting; the next heartbeat tries again before the lease runs out.
        }
    }

    synchronized void drainInto(Evaluation evaluation) {
        evaluation.progressDone = done;
        evaluation.progressTotal = total;
        if (pendingLog.length() > 0) {
            evaluation.appendLog(pendingLog.toString());
            pendingLog.setLength(0);
        }
    }
}
